"""What staff call the shipped surveys (their titles are written for the people answering)."""

from __future__ import annotations

# The shipped surveys by who answers them: their titles ("What do you think?") are written for
# the respondent and say nothing to a duty worker.
SURVEYS = {
    "young-person": "Young people's survey",
    "young-person-under-8": "Under-8s' survey",
    "parent-carer": "Parents' and carers' survey",
    "partner-agency": "Partner agencies' survey",
}


def survey(key: str | None, title: str | None) -> str | None:
    """A survey as staff name it, with the title its respondents saw."""
    if key is None:
        return None
    name = SURVEYS.get(key)
    return f"{name} (“{title}”)" if name and title else (title or key)
