"""What an alert's concerns are called where people read them: the alert page, the queue, the
duty email. One vocabulary, so the email and the page never disagree."""

from __future__ import annotations

CONCERNS = {
    "asked_for_help": "Asked for someone to talk to them",
    "physical_abuse": "Physical abuse",
    "sexual_abuse": "Sexual abuse",
    "emotional_abuse": "Emotional abuse",
    "neglect": "Neglect",
    "domestic_abuse": "Domestic abuse",
    "self_harm_suicide": "Self-harm or suicide",
    "exploitation": "Exploitation",
    "unsafe_at_home": "Unsafe at home",
    "missing": "Missing from home or care",
    # The base model read a disclosure that no rule named (analysis/pipeline.py).
    "possible_harm": "Possible harm: the words read like a disclosure (no keyword matched)",
    "read_by_a_person": "A person who read their words thinks it a safeguarding matter",
}


def concern(category: str) -> str:
    return CONCERNS.get(category) or category.replace("_", " ").capitalize()


def concerns(categories: list[str]) -> str:
    return ", ".join(concern(c) for c in categories)
