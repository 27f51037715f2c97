"""What each text of a survey costs, before a council sends it: `yousaid sms preview`."""

from __future__ import annotations

from dataclasses import dataclass

from api.core.config import get_settings
from api.models.enums import Audience, Language, Tense
from api.surveys import library
from channels.sms import conversation, texts
from channels.sms.segments import Cost, cost

EXAMPLE_LINK = "https://feedback.example.gov.uk/i/0123456789abcdef0123456789abcdef0123"
EXAMPLE_THANKS_LINK = "https://feedback.example.gov.uk/you-said-we-did?lang=cy"


@dataclass(frozen=True)
class PreviewLine:
    name: str
    text: str
    cost: Cost


def preview(survey_key: str, *, language: Language, tense: Tense | None) -> list[PreviewLine]:
    """Every text a conversation by this survey can send, and the link texts, with costs."""
    definitions = [s for s in library.survey_library() if s.key == survey_key]
    if not definitions:
        raise LookupError(f"There is no survey '{survey_key}'")
    definition = definitions[-1]
    council = get_settings().council_name_in(language)
    scales = library.scales()
    asked = conversation.questions(definition)
    lines: list[tuple[str, str]] = []
    for number, question in enumerate(asked, start=1):
        message = conversation.question_message(
            question, number=number, total=len(asked), language=language, tense=tense, scales=scales
        )
        if number == 1:
            message = texts.conversational_invitation(
                council=council,
                questions=len(asked),
                first_question=message,
                language=language,
                tense=tense,
            )
        lines.append((f"question {number} ({question.key})", message))
        if question.kind.value != "free_text":
            reask = conversation.reask_message(question, language=language, scales=scales)
            lines.append((f"  asked again ({question.key})", reask))
    audience = definition.audience
    whose = Audience(audience)
    lines += [
        ("thank you", texts.thanks(council=council, url=EXAMPLE_THANKS_LINK, language=language)),
        (
            "link invitation",
            texts.link_invitation(
                council=council, url=EXAMPLE_LINK, audience=whose, language=language, tense=tense
            ),
        ),
        (
            "reminder (link)",
            texts.reminder(
                council=council, url=EXAMPLE_LINK, language=language, audience=whose, tense=tense
            ),
        ),
        ("reminder (conversation)", texts.reminder(council=council, url=None, language=language)),
        (
            "opted out",
            texts.opted_out(council=council, language=language, audience=whose),
        ),
        (
            "opted in",
            texts.opted_in(council=council, language=language, audience=whose),
        ),
        (
            "help",
            texts.help_text(council=council, phone=get_settings().council_phone, language=language),
        ),
    ]
    lines += [
        (
            "not an answer, or outside a survey (once a day)",
            texts.not_watched(
                council=council,
                # The longer of the two numbers it may carry (office hours or not).
                phone=max(
                    get_settings().front_door_phone, get_settings().out_of_hours_phone, key=len
                ),
                language=language,
                audience=whose,
            ),
        ),
        ("asked if they want to stop", texts.ask_if_stop(language=language)),
    ]
    return [PreviewLine(name, text, cost(text)) for name, text in lines]
