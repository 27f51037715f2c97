"""The words of every text the service sends, in English or Welsh.

They name the council, say how to stop, and never mention what a respondent said or what
the survey is about beyond "the help you got": the phone may be read by someone else.
"""

from __future__ import annotations

from api.models.enums import Audience, Language
from channels.i18n import channel_gettext


def _(language: Language, text: str) -> str:
    return channel_gettext(language).gettext(text)


def stop_line(language: Language) -> str:
    return _(language, "Text STOP to stop.")


def conversational_invitation(
    *, council: str, questions: int, first_question: str, language: Language
) -> str:
    intro = _(language, "{council}: we would like to hear about the help you got from us. ").format(
        council=council
    )
    ask = _(language, "{count} short questions. It is up to you.").format(count=questions)
    return f"{intro}{ask} {stop_line(language)}\n{first_question}"


def link_invitation(*, council: str, url: str, audience: Audience, language: Language) -> str:
    if audience is Audience.young_person:
        text = _(
            language,
            "Hi, this is {council}. We want to know what you think about the help you got. Tell us here: {url}",
        )
    elif audience is Audience.partner:
        text = _(
            language,
            "{council} children's services would value your feedback on working with us (3 minutes): {url}",
        )
    else:
        text = _(
            language,
            "{council}: we would like to hear about the help you got from us. It takes 3 minutes and it is up to you: {url}",
        )
    return f"{text.format(council=council, url=url)} {stop_line(language)}"


def reminder(*, council: str, url: str | None, language: Language) -> str:
    if url:
        text = _(language, "{council}: you can still tell us about the help you got: {url}")
    else:
        text = _(language, "{council}: you can still answer our questions. Reply to carry on.")
    return f"{text.format(council=council, url=url)} {stop_line(language)}"


def thanks(*, council: str, url: str, language: Language) -> str:
    """The same for every reply, whatever it said: never a hint of what was written. The link
    is the council-wide "You said, we did" page, never a team's: a team's name in a text could
    tell whoever reads the phone which service the family is known to."""
    return _(
        language, "Thank you. Your answers help us get better. See what we changed: {url} {council}"
    ).format(council=council, url=url)


def opted_out(*, council: str, language: Language) -> str:
    return _(
        language,
        "{council}: you will not get any more texts from us. Text START to get them again.",
    ).format(council=council)


def opted_in(*, council: str, language: Language) -> str:
    return _(language, "{council}: you can get our texts again. Text STOP to stop.").format(
        council=council
    )


def help_text(*, council: str, phone: str, language: Language) -> str:
    return _(
        language,
        "{council} children's services asks families about the help they got. To talk to us call {phone}. In danger now? Call 999. Text STOP to stop.",
    ).format(council=council, phone=phone)
