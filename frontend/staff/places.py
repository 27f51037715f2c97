"""Where a string is met, in the reader's language: the Welsh language officer's page and the
Surveys page's text previews name places the way api/ builds them ("question 1 (safe_now),
answer no", "parent-carer v2", "reminder (link)"). Those stay English in api/ (the command
line prints them, and approvals store them); this says them again for the staff pages.

A question's key ("safe_now") is a code, the same in both languages, so it is kept in
brackets, and so is an answer's value ("rather_not_say"): the officer reads its words beside it."""

from __future__ import annotations

import re

from frontend.staff import labels
from frontend.staff.language import N_, _

CATALOGUES = {
    "public pages catalogue": N_("public pages catalogue"),
    "texts and emails catalogue": N_("texts and emails catalogue"),
    "staff pages catalogue": N_("staff pages catalogue"),
    "answer scales": N_("answer scales"),
}
_SURVEY = re.compile(r"(?P<key>[a-z0-9_-]+) v(?P<version>\d+)")


def source(name: str) -> str:
    """A group of Welsh strings: "parent-carer v2" -> "Arolwg rhieni a gofalwyr, fersiwn 2"."""
    if name in CATALOGUES:
        return _(CATALOGUES[name])
    found = _SURVEY.fullmatch(name)
    if found:
        return _(
            "%(survey)s, version %(number)s",
            survey=labels.survey_name(found["key"]),
            number=found["version"],
        )
    return name


TENSES = {
    "during": N_("while we are working with them"),
    "after": N_("after we worked with them"),
}
PARTS = {"title": N_("title"), "introduction": N_("introduction")}
SCALES = {"agreement": N_("agreement"), "faces": N_("faces"), "three faces": N_("three faces")}
CONTEXTS = {"child": N_("children's (ti) wording")}
_QUESTION = re.compile(
    r"question (?P<number>\d+) \((?P<key>\w+)\)"
    r"(?:, (?P<tense>during|after))?(?:, answer (?P<value>\w+))?"
)
_PART = re.compile(r"(?P<part>title|introduction)(?:, (?P<tense>during|after))?")
_SCALE = re.compile(r"(?P<scale>agreement|faces|three faces)(?: (?P<value>\d)|, none)")
_CONTEXT = re.compile(r"(?P<context>.+) wording")


def _tense(said: str, tense: str | None) -> str:
    if tense in TENSES:
        return _("%(place)s, %(tense)s", place=said, tense=_(TENSES[tense]))
    return said


def place(where: str) -> str:
    """Where a Welsh string is met: "question 1 (safe_now), answer no" -> "cwestiwn 1
    (safe_now), ateb no"."""
    found = _QUESTION.fullmatch(where)
    if found:
        said = _("question %(number)s (%(key)s)", number=found["number"], key=found["key"])
        if found["value"]:
            said = _("%(question)s, answer %(value)s", question=said, value=found["value"])
        return _tense(said, found["tense"])
    found = _PART.fullmatch(where)
    if found:
        return _tense(_(PARTS[found["part"]]), found["tense"])
    found = _SCALE.fullmatch(where)
    if found:
        scale = _(SCALES[found["scale"]])
        if found["value"]:
            return _("%(scale)s scale, answer %(value)s", scale=scale, value=found["value"])
        return _("%(scale)s scale, does not apply", scale=scale)
    if where == "page text":
        return _("page text")
    found = _CONTEXT.fullmatch(where)
    if found:
        context = found["context"]
        return (
            _(CONTEXTS[context])
            if context in CONTEXTS
            else _("%(context)s wording", context=context)
        )
    return where


# The Surveys page's text previews (api/invitations/preview.py).
TEXTS = {
    "thank you": N_("thank you"),
    "link invitation": N_("link invitation"),
    "reminder (link)": N_("reminder (link)"),
    "reminder (conversation)": N_("reminder (conversation)"),
    "opted out": N_("opted out"),
    "opted in": N_("opted in"),
    "help": N_("help"),
    "not an answer, or outside a survey (once a day)": N_(
        "not an answer, or outside a survey (once a day)"
    ),
    "asked if they want to stop": N_("asked if they want to stop"),
}
_ASKED_AGAIN = re.compile(r"\s*asked again \((?P<key>\w+)\)")


def text_name(name: str) -> str:
    """A text preview's name: "question 2 (listened_to)", "  asked again (listened_to)"."""
    found = _QUESTION.fullmatch(name)
    if found:
        return _("question %(number)s (%(key)s)", number=found["number"], key=found["key"])
    found = _ASKED_AGAIN.fullmatch(name)
    if found:
        return _("asked again (%(key)s)", key=found["key"])
    return _(TEXTS[name]) if name in TEXTS else name
