"""The words of every text the service sends, in English or Welsh.

They name the council, say how to stop, and never mention what a respondent said or what
the survey is about beyond "the help you got" (at the front door, "the help you are
getting"): the phone may be read by someone else.
"""

from __future__ import annotations

from api.core.config import get_settings
from api.models.enums import Audience, Language, Tense
from channels.i18n import channel_gettext


def _(language: Language, text: str, audience: Audience | None = None) -> str:
    """The text in a language; to a young person in Welsh's informal register ("ti") where the
    catalogue has a "child" wording for it."""
    catalogue = channel_gettext(language)
    if audience is Audience.young_person:
        informal = str(catalogue.pgettext("child", text))
        if informal != text:
            return informal
    return str(catalogue.gettext(text))


def stop_line(language: Language, audience: Audience | None = None) -> str:
    return _(language, "Text STOP to stop.", audience)


def conversational_invitation(
    *,
    council: str,
    questions: int,
    first_question: str,
    language: Language,
    replies_cost: str | None = None,
    tense: Tense | None = None,
) -> str:
    """The first text of a survey by text: who asks, that it is optional, that worries about a
    child's safety are passed on, whether replying costs, how to stop; then question 1. At the
    front door (Tense.during) the help is still going on: "the help you are getting"."""
    if tense is Tense.during:
        intro = _(language, "{council}: tell us about the help you are getting. ")
    else:
        intro = _(language, "{council}: tell us about the help you got. ")
    intro = intro.format(council=council)
    ask = _(language, "{count} short questions, up to you. ").format(count=questions)
    safety = _(language, "We pass on worries about a child's safety. ")
    if (replies_cost or get_settings().sms_replies_cost) == "free":
        price = _(language, "Replies are free.")
    else:
        price = _(language, "Replies cost a standard text.")
    return f"{intro}{ask}{safety}{price} {stop_line(language)}\n{first_question}"


def link_invitation(
    *, council: str, url: str, audience: Audience, language: Language, tense: Tense | None = None
) -> str:
    during = tense is Tense.during  # the front door: the help is still going on
    if audience is Audience.young_person:
        text = (
            _(
                language,
                "Hi, this is {council}. We want to know what you think about the help you are getting. Tell us here: {url}",
            )
            if during
            else _(
                language,
                "Hi, this is {council}. We want to know what you think about the help you got. Tell us here: {url}",
            )
        )
    elif audience is Audience.partner:
        text = _(
            language,
            "{council} children's services would value your feedback on working with us (3 minutes): {url}",
        )
    else:
        text = (
            _(
                language,
                "{council}: we would like to hear about the help you are getting from us. It takes 3 minutes and it is up to you: {url}",
            )
            if during
            else _(
                language,
                "{council}: we would like to hear about the help you got from us. It takes 3 minutes and it is up to you: {url}",
            )
        )
    return f"{text.format(council=council, url=url)} {stop_line(language, audience)}"


def reminder(
    *,
    council: str,
    url: str | None,
    language: Language,
    audience: Audience | None = None,
    tense: Tense | None = None,
) -> str:
    """The one reminder, in the invitation's tense (at the front door the help is still going
    on). Never a word of what was answered: it goes whether or not they started."""
    if url and tense is Tense.during:
        text = _(
            language,
            "{council}: you can still tell us about the help you are getting: {url}",
            audience,
        )
    elif url:
        text = _(
            language, "{council}: you can still tell us about the help you got: {url}", audience
        )
    else:
        text = _(language, "{council}: you can still answer our questions. Reply to carry on.")
    return f"{text.format(council=council, url=url)} {stop_line(language, audience)}"


def not_watched_line(language: Language) -> str:
    return _(language, "This number is not watched. If a child is in danger call 999.")


def thanks(*, council: str, url: str, language: Language) -> str:
    """The same for every reply, whatever it said: never a hint of what was written. The link
    is the council-wide "You said, we did" page, never a team's: a team's name in a text could
    tell whoever reads the phone which service the family is known to. It ends by saying the
    number is not watched, so nobody waits for an answer to something written after it."""
    said = _(
        language, "Thank you. Your answers help us get better. See what we changed: {url} {council}"
    ).format(council=council, url=url)
    # A line of its own: run on after the council's name it read as one sentence.
    return f"{said}\n{not_watched_line(language)}"


def not_watched(*, council: str, phone: str, language: Language, audience: Audience | None) -> str:
    """The one answer a day to a text that is not an answer: where help is now, never its
    words. A young person is told of Childline (and, in Welsh, Meic), free and for them; an
    adult, or a number we do not know, of the number to call about a child (the front door in
    office hours, the out-of-hours team otherwise: the caller chooses)."""
    if audience is Audience.young_person:
        text = _(
            language,
            "{council}: this number is not watched all the time. If you are in danger call 999. To talk to someone now call Childline free on 0800 1111.",
            audience,
        )
    else:
        text = _(
            language,
            "{council}: this number is not watched all the time. If you or a child are in danger call 999, or call us on {phone}.",
        )
    return text.format(council=council, phone=phone)


def ask_if_stop(*, language: Language) -> str:
    """Sent once when a short reply sounds like a wish to stop without being STOP."""
    return _(language, "Do you want us to stop texting you? Reply STOP. Or reply with your answer.")


def opted_out(*, council: str, language: Language, audience: Audience | None = None) -> str:
    return _(
        language,
        "{council}: you will not get any more texts from us. Text START to get them again.",
        audience,
    ).format(council=council)


def opted_in(*, council: str, language: Language, audience: Audience | None = None) -> str:
    return _(
        language, "{council}: you can get our texts again. Text STOP to stop.", audience
    ).format(council=council)


def help_text(*, council: str, phone: str, language: Language) -> str:
    return _(
        language,
        "{council} children's services asks families about the help they got. To talk to us call {phone}. In danger now? Call 999. Text STOP to stop.",
    ).format(council=council, phone=phone)
