"""Which Welsh still waits for the council's Welsh language officer.

The developers drafted every Welsh string; a survey says whether its Welsh was signed off
(`welsh_review: needs_review | reviewed`, decision 5), and the shared answer scales and the
gettext catalogues say so in their header comment. A council must be able to see what is left
before it goes live in Welsh (Welsh Language Standards: Welsh no less favourably), so this
lists, for the newest version of each survey (the one people are asked), every string waiting,
with its English beside it, and every entry of the gettext catalogues still marked as drafted.
`yousaid surveys welsh-review` prints it, and the staff Welsh page (api/surveys/welsh_signoff)
lets the officer approve string by string; what they approved is taken off this list there."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from api.models.enums import Language, Tense
from api.surveys import library
from api.surveys.definitions import Bilingual, SurveyDefinition, TenseText

CATALOGUES = {
    "public pages": Path(__file__).parents[2] / "frontend/translations/cy/LC_MESSAGES/messages.po",
    "texts and emails": Path(__file__).parents[2]
    / "channels/translations/cy/LC_MESSAGES/channels.po",
    "staff pages": Path(__file__).parents[2] / "frontend/translations/cy/LC_MESSAGES/staff.po",
}
# The catalogues mark their drafted Welsh in the header comment; a council's officer removes
# the line when they have signed the file off.
DRAFTED = "for review by the council's Welsh language officer"


@dataclass(frozen=True)
class Waiting:
    """One Welsh string waiting for review, and where a reader meets it."""

    source: str  # "young-person v2", "answer scales"
    where: str  # "question 3 (worker_explained), after"
    english: str
    welsh: str

    @property
    def fingerprint(self) -> str:
        """Where it is met and both its wordings: a string changed after approval waits again."""
        parts = (self.source, self.where, self.english, self.welsh)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def newest_surveys(directory: Path = library.LIBRARY_DIR) -> list[SurveyDefinition]:
    """The version of each survey that people are asked now."""
    newest: dict[str, SurveyDefinition] = {}
    for definition in library.survey_library(directory):
        if definition.key not in newest or definition.version > newest[definition.key].version:
            newest[definition.key] = definition
    return [newest[key] for key in sorted(newest)]


def _pairs(where: str, text: Bilingual) -> Iterator[tuple[str, str, str]]:
    if isinstance(text.en, TenseText) or isinstance(text.cy, TenseText):
        for tense in (Tense.during, Tense.after):
            yield (
                f"{where}, {tense.value}",
                text.render(Language.en, tense),
                text.render(Language.cy, tense),
            )
    else:
        yield where, text.render_en(), text.render_cy()


def survey_strings(definition: SurveyDefinition) -> Iterator[tuple[str, str, str]]:
    """(where, English, Welsh) of every string a survey shows."""
    yield from _pairs("title", definition.title)
    yield from _pairs("introduction", definition.intro)
    for number, question in enumerate(definition.questions, start=1):
        place = f"question {number} ({question.key})"
        yield from _pairs(place, question.text)
        for option in question.options:
            yield f"{place}, answer {option.value}", option.en, option.cy


def scale_strings(directory: Path = library.LIBRARY_DIR) -> Iterator[tuple[str, str, str]]:
    """(where, English, Welsh) of the shared answer scales' words."""
    scales = library.scales(directory)
    for name, scale in (
        ("agreement", scales.agreement),
        ("faces", scales.faces),
        ("three faces", scales.three_faces),
    ):
        for option in scale.options:
            yield f"{name} {option.value}", option.en, option.cy
        if scale.not_applicable is not None:
            words = scale.not_applicable
            yield f"{name}, none", words.render_en(), words.render_cy()


def _says_drafted(text: str) -> bool:
    """Whether a file's comment still says its Welsh waits for review (over line breaks)."""
    header = " ".join(line.lstrip("# ") for line in text.splitlines()[:6])
    return DRAFTED in " ".join(header.split())


def _joined(text: object) -> str:
    """A catalogue entry's text; a plural's forms joined."""
    if isinstance(text, list | tuple):
        return " / ".join(str(part) for part in text)
    return str(text or "")


def catalogue_strings(path: Path) -> Iterator[tuple[str, str, str]]:
    """(where, English, Welsh) of every entry of a gettext catalogue."""
    with path.open("rb") as source:
        catalogue = read_po(source)
    for message in catalogue:
        if not message.id:
            continue  # the header
        english = _joined(message.id)
        welsh = _joined(message.string)
        # A context tells two wordings of one English apart ("child": the "ti" register).
        where = f"{message.context} wording" if message.context else "page text"
        yield where, english, welsh


def waiting(directory: Path = library.LIBRARY_DIR) -> list[Waiting]:
    """Every survey, scale and catalogue string whose Welsh has not been signed off in its file."""
    found: list[Waiting] = []
    for definition in newest_surveys(directory):
        if definition.welsh_review == "needs_review":
            source = f"{definition.key} v{definition.version}"
            found += [Waiting(source, *strings) for strings in survey_strings(definition)]
    if _says_drafted((directory / "scales.yaml").read_text(encoding="utf-8")):
        found += [Waiting("answer scales", *strings) for strings in scale_strings(directory)]
    for name in catalogues_waiting():
        source = f"{name} catalogue"
        found += [Waiting(source, *strings) for strings in catalogue_strings(CATALOGUES[name])]
    return found


def catalogues_waiting() -> list[str]:
    """The gettext catalogues whose header still says their Welsh waits for the officer."""
    return [
        name for name, path in CATALOGUES.items() if _says_drafted(path.read_text(encoding="utf-8"))
    ]
