"""A survey by text, one question a message. Pure: a survey definition and a reply in,
the next words and the parsed answer out. The domain keeps the conversation's place.

Replies may be numbers ("4"), words ("agree", "yes", "cytuno"), the scale's own labels or
its faces; free-text questions come last. Nothing here ever repeats a respondent's words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from analysis.language import detect as detect_language
from analysis.normalise import normalise
from api.models.enums import Language, QuestionKind, Tense
from api.responses.schemas import NOT_APPLICABLE, AnswerValue
from api.surveys.definitions import QuestionDefinition, Scales, SurveyDefinition
from channels.i18n import channel_gettext

SKIP = "skip"


@dataclass(frozen=True)
class Reply:
    """A parsed reply: an answer, a skip, or not understood (answer None, understood False)."""

    answer: AnswerValue
    understood: bool

    @property
    def skipped(self) -> bool:
        return self.understood and self.answer is None


NOT_UNDERSTOOD = Reply(None, False)
SKIPPED = Reply(None, True)


def questions(definition: SurveyDefinition) -> list[QuestionDefinition]:
    """The order asked by text: the quick ones first, free text last (it costs most to type).
    Questions not to be sent to a phone are left out."""
    asked = [q for q in definition.questions if q.ask_by_text]
    return sorted(asked, key=lambda q: q.kind is QuestionKind.free_text)


def _fold(text: str) -> str:
    """Lower case, no accents or apostrophes, single spaces: 'Cytuno’n gryf' -> 'cytunon gryf'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[\s.!,]+", " ", plain).strip()


# Words people text for a five-point scale, beyond the scale's own labels.
_SCALE_WORDS = {
    "yes": 4, "yeah": 4, "yep": 4, "y": 4, "ie": 4, "do": 4, "oes": 4, "happy": 4, "hapus": 4,
    "ydw": 4, "ydy": 4, "ydyn": 4,  # Welsh answers "yes" with the verb: "I am", "it is"
    "no": 2, "nope": 2, "n": 2, "na": 2, "naddo": 2, "sad": 2, "nac ydw": 2, "nac ydy": 2,
    "not sure": 3, "dunno": 3, "neither": 3, "ok": 3, "okay": 3, "maybe": 3, "ddim yn siwr": 3,
    "very happy": 5, "hapus iawn": 5,
}  # fmt: skip
_NOT_APPLICABLE_WORDS = {
    "0", "n/a", "not applicable", "does not apply", "doesnt apply", "amherthnasol",
}  # fmt: skip
_SKIP_WORDS = {"skip", "pass", "hepgor", "sgip"}
# Numbers written as words, English and Welsh (Welsh has feminine forms: dwy, tair, pedair).
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "un": 1, "dau": 2, "dwy": 2, "tri": 3, "tair": 3, "pedwar": 4, "pedair": 4, "pump": 5,
    "pum": 5,
}  # fmt: skip
_OUT_OF_FIVE = re.compile(r"^(\w+)(?: (?:out of|allan o|o) (?:5|five|pump|bump))?$")
# Faces and thumbs from a phone's emoji keyboard, for any five-point scale (the faces scale's
# own emoji come first, from scales.yaml). Skin tones, variation selectors and the joiners of
# "🤷‍♀️" are dropped before looking.
_EMOJI = {
    "😀": 5, "😃": 5, "😄": 5, "😁": 5, "🤩": 5, "😍": 5, "🥰": 5, "👍👍": 5,
    "🙂": 4, "😊": 4, "☺": 4, "👍": 4, "👌": 4,
    "😐": 3, "😑": 3, "😶": 3, "🤷": 3,
    "🙁": 2, "☹": 2, "😕": 2, "😟": 2, "👎": 2,
    "😢": 1, "😭": 1, "😞": 1, "😠": 1, "😡": 1, "👎👎": 1,
}  # fmt: skip
_EMOJI_EXTRAS = re.compile("[\ufe0f\u200d\u2640\u2642\U0001f3fb-\U0001f3ff\\s]")
# A bare "yes, go on" that answers the introduction rather than question 1 (the first text
# carries both): never stored as "Agree".
_GO_AHEAD = {
    "yes", "yeah", "yep", "y", "ok", "okay", "sure", "go on", "go ahead", "start", "fine",
    "ie", "iawn", "dechrau", "yes please", "ie plis", "ok then", "ydw", "oes",
}  # fmt: skip


def is_go_ahead(body: str) -> bool:
    """Whether a reply is only "yes, go on" (to the introduction, not to a question)."""
    return _fold(body) in _GO_AHEAD


def _emoji_value(raw: str) -> int | None:
    return _EMOJI.get(_EMOJI_EXTRAS.sub("", raw))


def _number_in_words(folded: str) -> int | None:
    """'four', 'pedwar', 'four out of five', '4 allan o 5' -> 4."""
    found = _OUT_OF_FIVE.fullmatch(folded)
    if not found:
        return None
    word = found.group(1)
    if word.isdigit():
        return int(word) if len(word) == 1 else None
    return _NUMBER_WORDS.get(word)


def parse(question: QuestionDefinition, body: str, scales: Scales) -> Reply:
    """What a reply means for this question."""
    folded = _fold(body)
    if not folded:
        return NOT_UNDERSTOOD
    if folded in _SKIP_WORDS:
        return SKIPPED
    if question.kind is QuestionKind.free_text:
        return Reply(body.strip(), True)
    if question.kind is QuestionKind.choice:
        return _choice(question, folded)
    return _scaled(question, body.strip(), folded, scales)


def _choice(question: QuestionDefinition, folded: str) -> Reply:
    number = re.fullmatch(r"(\d{1,2})", folded)
    chosen = int(number.group(1)) if number else _number_in_words(folded)
    if chosen is not None and 1 <= chosen <= len(question.options):
        return Reply(question.options[chosen - 1].value, True)
    for option in question.options:
        if folded in (_fold(option.en), _fold(option.cy), option.value):
            return Reply(option.value, True)
    return NOT_UNDERSTOOD


def _scaled(question: QuestionDefinition, raw: str, folded: str, scales: Scales) -> Reply:
    scale = scales.for_kind(question.kind)
    number = re.fullmatch(r"([0-5])(?:\s*/\s*5)?", folded)
    if number:
        value = int(number.group(1))
        return Reply(NOT_APPLICABLE if value == 0 else value, True)
    if folded in _NOT_APPLICABLE_WORDS or folded in (
        _fold(scale.not_applicable.render_en()),
        _fold(scale.not_applicable.render_cy()),
    ):
        return Reply(NOT_APPLICABLE, True)
    for option in scale.options:
        if folded in (_fold(option.en), _fold(option.cy)) or (option.face and raw == option.face):
            return Reply(option.value, True)
    if question.kind is QuestionKind.agreement and folded in ("agree", "cytuno"):
        return Reply(4, True)
    if folded in _SCALE_WORDS:
        return Reply(_SCALE_WORDS[folded], True)
    in_words = _number_in_words(folded)
    if in_words is not None and in_words <= 5:
        return Reply(NOT_APPLICABLE if in_words == 0 else in_words, True)
    face = _emoji_value(raw)
    if face is not None:
        return Reply(face, True)
    return NOT_UNDERSTOOD


# Replies only a Welsh speaker sends ("do" and "na" are English words too, so not here).
_WELSH_ONLY = {"ie", "oes", "naddo", "hapus", "hapus iawn", "ddim yn siwr", "amherthnasol",
               "hepgor", "sgip", "cytuno", "diolch", "dau", "dwy", "tri", "tair", "pedwar",
               "pedair", "pump", "pum", "iawn", "dechrau", "ydw", "ydy", "ydyn", "nac ydw",
               "nac ydy"}  # fmt: skip


def reads_as_welsh(question: QuestionDefinition, body: str, scales: Scales) -> bool:
    """Whether a reply is in Welsh: a council in Wales answers Welsh in Welsh."""
    folded = _fold(body)
    if not folded:
        return False
    if folded in _WELSH_ONLY:
        return True
    labels: list[tuple[str, str]] = [(o.en, o.cy) for o in question.options]
    if question.is_scaled:
        scale = scales.for_kind(question.kind)
        labels += [(o.en, o.cy) for o in scale.options]
        labels.append((scale.not_applicable.render_en(), scale.not_applicable.render_cy()))
    if any(folded == _fold(cy) != _fold(en) for en, cy in labels):
        return True
    return detect_language(normalise(body)) == "cy"


def question_message(
    question: QuestionDefinition,
    *,
    number: int,
    total: int,
    language: Language,
    tense: Tense | None,
    scales: Scales,
) -> str:
    """One question as a text, with how to answer it."""
    asked = question.text.render(language, tense)
    return f"{number}/{total} {asked}\n{_how_to_answer(question, language, scales)}"


def reask_message(question: QuestionDefinition, *, language: Language, scales: Scales) -> str:
    """Sent once when a reply was not understood: the valid answers, and nothing of the reply."""
    _ = channel_gettext(language).gettext
    return f"{_('Sorry, we did not understand that.')} {_how_to_answer(question, language, scales)}"


def _how_to_answer(question: QuestionDefinition, language: Language, scales: Scales) -> str:
    _ = channel_gettext(language).gettext
    if question.kind is QuestionKind.free_text:
        return _("Reply in your own words, or SKIP.")
    if question.kind is QuestionKind.choice:
        labels = ", ".join(
            f"{n} {o.en if language is Language.en else o.cy}"
            for n, o in enumerate(question.options, start=1)
        )
        return _("Reply with a number: {options}").format(options=labels)
    scale = scales.for_kind(question.kind)

    def label(value: int) -> str:
        option = scale.options[value - 1]
        return (option.en if language is Language.en else option.cy).lower()

    return _("Reply 1 to 5 (1 {low}, 5 {high}) or 0 if it does not apply.").format(
        low=label(1), high=label(5)
    )
