"""What the public pages say to a child, read from the templates and the catalogue, for the
wording check (`yousaid surveys check-wording`, api/surveys/wording.py).

A template says a thing once and its branches choose the reader: `{% if child %}`,
`{% if audience == "young_person" %}`, `{% if youngest %}` and `_("…") if child else _("…")`.
A string reaches a child when it stands outside every such branch (everyone reads it) or
inside a child's branch; one in an adult's branch does not. The templates read here are those
a child's form renders; the notices, the front page and the adult's page for the under-8s are
not. Strings said from Python (an error, a notice) are those with a child's wording in the
catalogue (`msgctxt "child"`, decision 28)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

TEMPLATES = Path(__file__).parent / "templates"
PAGE_CODE = Path(__file__).parent
CATALOGUE = Path(__file__).parent / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
# The templates a child's form renders, from its start to its thank-you and error pages.
CHILD_FORM_TEMPLATES = (
    "base.html",
    "start.html",
    "question.html",
    "who_reads.html",
    "thanks.html",
    "error.html",
    "resume.html",
    "help_now.html",
    "closed.html",
    "exit_this_page.html",
    "faces.html",
    "help/young_person.html",
)
CHILD_CONDITION = re.compile(r"\b(child|youngest)\b|young_person")
TOKEN = re.compile(
    r"{%-?\s*(?P<tag>if|elif|else|endif)\b(?P<condition>.*?)-?%}"
    r"|{{(?P<expression>.*?)}}",
    re.S,
)
GETTEXT = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")
# `_("A") if child else _("B")` inside one {{ … }}.
INLINE_CHOICE = re.compile(
    r"""_\(\s*"((?:[^"\\]|\\.)*)"[^)]*\)\s*if\s+(?P<condition>.+?)\s+else\s+_\(\s*"((?:[^"\\]|\\.)*)\"""",
    re.S,
)


@dataclass
class _Branch:
    """One {% if %} block: whether it chooses by reader, and whose branch we are in."""

    by_reader: bool = False
    reader: str = "anyone"  # "child", "adult" or "anyone"
    had_child: bool = field(default=False)


def _reader_of(condition: str) -> str:
    if not CHILD_CONDITION.search(condition):
        return "anyone"
    return "adult" if re.search(r"\bnot\s+(child|youngest)\b|!=", condition) else "child"


def _splits_children_from_adults(condition: str) -> bool:
    """`child` and the young people's audience part children from adults; `youngest` parts
    the under-8s from every other reader, children among them."""
    return bool(re.search(r"\bchild\b|young_person", condition))


def _seen_by_child(stack: list[_Branch]) -> bool:
    return all(branch.reader != "adult" for branch in stack)


def template_strings(text: str) -> Iterator[str]:
    """The gettext strings of one template that a child can meet."""
    stack: list[_Branch] = []
    for token in TOKEN.finditer(text):
        tag = token.group("tag")
        if tag == "if":
            condition = token.group("condition")
            reader = _reader_of(condition)
            stack.append(
                _Branch(_splits_children_from_adults(condition), reader, reader == "child")
            )
        elif tag in ("elif", "else") and stack:
            branch = stack[-1]
            if tag == "elif" and _reader_of(token.group("condition")) != "anyone":
                branch.reader = _reader_of(token.group("condition"))
                branch.by_reader = branch.by_reader or _splits_children_from_adults(
                    token.group("condition")
                )
            elif branch.by_reader:
                # After a child's branch the rest is for adults; after an adult's, children.
                branch.reader = "adult" if branch.had_child or branch.reader == "child" else "child"
            else:
                branch.reader = "anyone"
            branch.had_child = branch.had_child or branch.reader == "child"
        elif tag == "endif" and stack:
            stack.pop()
        elif token.group("expression") is not None and _seen_by_child(stack):
            expression = token.group("expression")
            choice = INLINE_CHOICE.search(expression)
            if choice and _reader_of(choice.group("condition")) != "anyone":
                child_first = _reader_of(choice.group("condition")) == "child"
                yield choice.group(1) if child_first else choice.group(3)
                continue
            yield from GETTEXT.findall(expression)


def child_page_strings() -> Iterator[tuple[str, str, str]]:
    """(template, English, Welsh as a child reads it) of every string a child's form shows."""
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source)
    child = {
        m.id: str(m.string) for m in catalogue if m.context == "child" and isinstance(m.id, str)
    }
    shared = {m.id: str(m.string) for m in catalogue if m.context is None and isinstance(m.id, str)}
    seen: set[str] = set()
    for name in CHILD_FORM_TEMPLATES:
        for english in template_strings((TEMPLATES / name).read_text(encoding="utf-8")):
            english = english.replace('\\"', '"')
            if english not in seen:
                seen.add(english)
                yield name, english, child.get(english) or shared.get(english) or english
    # Python's words to a child: those with a child's wording that the page code says.
    code = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()) for path in PAGE_CODE.glob("*.py")
    )
    for said, welsh in child.items():
        if said and said not in seen and _said_in(said, code):
            seen.add(said)
            yield "said from Python", said, welsh


def _said_in(english: str, code: str) -> bool:
    """Whether the code says the string (a long one may be split over lines in the source)."""
    pieces = [piece for piece in re.split(r"\s+", english) if piece]
    return " ".join(pieces[:6]) in code.replace('" "', "")
