"""Every string the staff pages say is in the staff catalogue with its Welsh (decision 41).

The strings are found the way a translator's tools find them: Babel's extractors walk the
staff templates (Jinja's `_`/`ngettext`) and the staff modules (`_`, `N_`, `ngettext`). A new
English string without Welsh fails here, and so does English text a template forgot to wrap.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from api.alerts.names import CONCERNS
from api.dashboard.judgement import WORDS as JUDGEMENTS
from frontend.staff import language

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = sorted((ROOT / "frontend/templates/staff").glob("*.html"))
MODULES = sorted((ROOT / "frontend/staff").glob("*.py"))
CATALOGUE = ROOT / "frontend/translations/cy/LC_MESSAGES/staff.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _key(message: str | tuple[str, ...], context: str | None) -> str:
    """A message as the catalogue files it: its English (the singular), after its context."""
    first = message if isinstance(message, str) else message[0]
    return f"{context}\x04{first}" if context else first


def _read() -> dict[str, object]:
    with CATALOGUE.open("rb") as source:
        return {_key(m.id, m.context): m for m in read_po(source) if m.id}


def extracted() -> dict[str, str]:
    """msgid -> the file that says it, from every staff template and module."""
    found: dict[str, str] = {}
    for path in TEMPLATES:
        for _line, message, _comments, context in extract_from_file(
            "jinja2.ext:babel_extract",
            path,
            keywords=KEYWORDS,
            options={"extensions": "jinja2.ext.i18n"},
        ):
            found.setdefault(_key(message, context), path.name)
    for path in MODULES:
        for _line, message, _comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS
        ):
            found.setdefault(_key(message, context), path.name)
    # Names the staff pages translate by lookup from api/ (the duty email keeps English).
    for words in CONCERNS.values():
        found.setdefault(words, "api/alerts/names.py")
    for words in JUDGEMENTS.values():
        found.setdefault(words, "api/dashboard/judgement.py")
    return found


def test_every_staff_string_has_welsh_in_the_staff_catalogue():
    catalogue = _read()
    missing = {m: where for m, where in extracted().items() if m not in catalogue}
    assert missing == {}
    untranslated = [
        m.id
        for m in catalogue.values()
        if not (m.string if isinstance(m.string, str) else all(m.string))  # type: ignore[attr-defined]
    ]
    assert untranslated == []


def test_the_catalogue_holds_nothing_the_pages_no_longer_say():
    stale = set(_read()) - set(extracted())
    assert stale == set()


def test_the_catalogue_says_it_waits_for_the_welsh_language_officer():
    # The same mark as the public catalogue's, so `yousaid surveys welsh-review` counts it.
    from api.surveys import welsh_review

    assert "staff pages" in welsh_review.catalogues_waiting()


def test_placeholders_are_the_same_in_english_and_welsh():
    names = re.compile(r"%\((\w+)\)s")
    for message in _read().values():
        english = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
        welsh = message.string if isinstance(message.string, str) else message.string[0]  # type: ignore[attr-defined]
        assert sorted(names.findall(welsh)) == sorted(names.findall(english)), english


class _Text(HTMLParser):
    """The words a template shows outside Jinja: text and the attributes people read."""

    READ = ("aria-label", "title", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.in_code = 0  # a command to type (<code>) is the same in both languages

    def handle_data(self, data: str) -> None:
        if not self.in_code:
            self.words += re.findall(r"[A-Za-z]{2,}", data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self.in_code -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "code":
            self.in_code += 1
        for name, value in attrs:
            if name in self.READ and value:
                self.words += re.findall(r"[A-Za-z]{2,}", value)


# Words that are the same in both languages: the product's name, codes, a language's own
# name (Cymraeg), a statistic's (kappa).
SAME_IN_BOTH = {"YouSaid", "QR", "CSV", "SVG", "API", "MASH", "DOCTYPE", "html", "Cymraeg", "kappa"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_shows_no_english_outside_the_catalogue(template):
    source = template.read_text(encoding="utf-8")
    # Jinja's own parts go: comments, statements, expressions (where `_()` lives).
    bare = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    bare = re.sub(r"\{%.*?%\}", " ", bare, flags=re.S)
    bare = re.sub(r"\{\{.*?\}\}", " ", bare, flags=re.S)
    parser = _Text()
    parser.feed(bare)
    assert [w for w in parser.words if w not in SAME_IN_BOTH] == []


def test_welsh_dates_name_the_month_and_day_in_welsh():
    from datetime import datetime

    moment = datetime(2026, 12, 3, 11, 40)
    language.use("cy")
    try:
        assert language.strftime_in(moment, "%A %d %B %Y at %H:%M") == (
            "Dydd Iau 03 Rhagfyr 2026 am 11:40"
        )
        assert language.strftime_in(moment, "%d %b %H:%M") == "03 Rhag 11:40"
    finally:
        language.use("en")
    assert language.strftime_in(moment, "%d %b %H:%M") == "03 Dec 11:40"


def test_every_welsh_string_formats_as_its_english_does():
    # A stray "%" in a Welsh msgstr would break the page only in Welsh.
    names = re.compile(r"%\((\w+)\)s")
    for message in _read().values():
        english = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        values = {name: "x" for name in names.findall(english)} | {"num": 2}
        for welsh in strings:
            # Formatting raises on a lone "%" or an unknown placeholder.
            assert (welsh % values).count("%") == (english % values).count("%"), english


_LITERAL = re.compile(r"""(["'])((?:\\.|(?!\1).)*)\1""")
_CALL = re.compile(r"(\b_|ngettext|pgettext)\(\s*$")


def _untranslated(expression: str) -> list[str]:
    """The literals in a Jinja expression that are not an argument of `_`/`ngettext`: the
    first argument follows the call's bracket, a plural follows a translated literal."""
    found, end, previous = [], 0, False
    for literal in _LITERAL.finditer(expression):
        between = expression[end : literal.start()]
        translated = bool(_CALL.search(between)) or (previous and between.strip() == ",")
        if not translated:
            found.append(literal.group(2))
        end, previous = literal.end(), translated
    return found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_prints_no_english_literal_from_inside_jinja(template):
    # An English literal printed from inside Jinja ({{ "Month" }}, a tuple of choices) is
    # not seen by the text scan above: every wording a reader meets goes through `_`.
    source = template.read_text(encoding="utf-8")
    found = [
        words
        for block in re.finditer(r"\{\{(.*?)\}\}", source, flags=re.S)
        for words in _untranslated(block.group(1))
        # Words a person reads: two words, or one capitalised word (not a code or a key).
        if (re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", words) or re.fullmatch(r"[A-Z][a-z]+", words))
        and words not in SAME_IN_BOTH
    ]
    assert found == []


def test_no_python_string_for_the_catalogue_hides_inside_an_f_string():
    # Babel's extractor skips `_()` inside an f-string's braces, so its Welsh was never
    # asked for ("target 75%" stayed English on the Overview).
    hidden = re.compile(r"""\{[^{}"']*\b_\(\s*["']""")
    found = [
        f"{path.name}:{number}"
        for path in MODULES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""\bf["']""", line) and hidden.search(line)
    ]
    assert found == []
