"""A child's pages speak to them in Welsh's informal register ("ti") from start to thank-you:
the shared pages' formal "chi" must not leak onto them (errors, the exit button's words, the
help box, the thank-you), nor the informal onto an adult's."""

from __future__ import annotations

import html
import re

import pytest

from api.models.enums import Audience
from api.surveys import library
from tests.frontend.test_public import begin, csrf

# The formal second person and its imperatives, as they appear in the catalogue's Welsh.
FORMAL = re.compile(
    r"\b(chi|eich|ydych|rydych|byddwch|gallwch|hoffech|"
    r"dewiswch|pwyswch|ffoniwch|atebwch|gwiriwch|rhowch|arhoswch|ysgrifennwch|dywedwch|"
    r"daliwch|dechreuwch|gofynnwch|gwnewch|ewch|gadewch)\b",
    re.IGNORECASE,
)
INFORMAL = re.compile(r"\b(ti|dy|wyt|rwyt|galli|dewisa|pwysa|ffonia|ateba|dywed)\b", re.I)


def words_of(page) -> str:
    """What a reader sees: the page's text, without markup, scripts or attribute values."""
    body = page.text.split("<body", 1)[1]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    shown = re.sub(r"<[^>]+>", " ", body)
    # The exit button's words wait in data- attributes until Shift is pressed: read them too.
    waiting = " ".join(re.findall(r'data-[a-z-]+="([^"]*)"', body))
    return html.unescape(f"{shown} {waiting}")


def latest(survey: str):  # type: ignore[no-untyped-def]
    return max((d for d in library.survey_library() if d.key == survey), key=lambda d: d.version)


def walk(client, survey: str) -> dict[str, str]:
    """Every page a Welsh reader meets on a survey, by name."""
    seen = {"start": words_of(client.get(f"/f/{survey}?lang=cy"))}
    begin(client, survey=survey, query="?lang=cy")
    definition = latest(survey)
    for number, question in enumerate(definition.questions, start=1):
        page = client.get(f"/f/{survey}/{number}")
        seen[f"question {number}"] = words_of(page)
        if question.kind.value != "free_text" and number == 2:
            wrong = client.post(
                f"/f/{survey}/{number}",
                data={"csrf": csrf(page), "answer": "not-an-option"},
                follow_redirects=False,
            )
            seen["an answer not chosen"] = words_of(wrong)
            # One real answer, so something is sent and the thank-you page thanks them.
            client.post(f"/f/{survey}/{number}", data={"csrf": csrf(page), "answer": "3"})
    expired = client.post(f"/f/{survey}/1", data={"csrf": "forged", "answer": "x"})
    seen["timed out"] = words_of(expired)
    last = len(definition.questions)
    page = client.get(f"/f/{survey}/{last}")
    client.post(f"/f/{survey}/{last}", data={"csrf": csrf(page), "answer": ""})
    seen["thank you"] = words_of(client.get(f"/f/{survey}/thanks"))
    seen["not found"] = words_of(client.get(f"/f/{survey}/99"))
    return seen


CHILD_SURVEYS = sorted(
    {d.key for d in library.survey_library() if d.audience is Audience.young_person}
)


@pytest.mark.parametrize("survey", CHILD_SURVEYS)
def test_every_page_of_a_childs_form_says_ti_not_chi(client, survey):
    pages = walk(client, survey)
    if latest(survey).read_with_an_adult:
        # The under-8s' first page speaks to the adult who helps (test below), not the child.
        pages.pop("start")
    formal = {
        name: sorted({m.group(0) for m in FORMAL.finditer(text)}) for name, text in pages.items()
    }
    assert {name: found for name, found in formal.items() if found} == {}


def test_the_help_now_page_says_ti(client):
    begin(client, query="?lang=cy")
    page = client.get("/f/young-person/1")
    client.post("/f/young-person/1", data={"csrf": csrf(page), "answer": "yes_talk"})
    text = words_of(client.get("/f/young-person/help-now?next=2"))
    assert FORMAL.findall(text) == []


def test_an_adults_form_keeps_the_formal_register(client):
    start = words_of(client.get("/f/parent-carer?lang=cy"))
    begin(client, survey="parent-carer", query="?lang=cy")
    thanks = words_of(client.get("/f/parent-carer/thanks"))
    assert INFORMAL.findall(start) == [], start
    assert INFORMAL.findall(thanks) == [] and FORMAL.findall(thanks), thanks


def test_the_under_8s_first_page_says_chi_to_the_adult_and_ti_in_what_they_say_to_the_child(
    client,
):
    page = client.get("/f/young-person-under-8?lang=cy").text
    # The page's own words (not its title: the form's name, "Dywed wrthon ni!", is said to the
    # child, like the words the adult reads out).
    adults, childs = page.split("<main", 1)[1].split('class="say-to-child"', 1)
    childs = childs.split("</section>", 1)[0]
    assert "Rydych chi'n helpu plentyn ifanc" in html.unescape(adults)
    assert INFORMAL.findall(words_of_html(adults)) == []
    assert FORMAL.findall(words_of_html(childs)) == [] and INFORMAL.findall(words_of_html(childs))


def words_of_html(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


# "Tell us": one form per register (docs/welsh-style.md). A child is told "Dywed wrthon ni", an
# adult "Dywedwch wrthon ni"; never "Dweda" or "Dwed", and no verb-noun "Dweud wrthon ni" where
# a sentence or title starts (mid-sentence "ddweud wrthon ni" is the verb-noun, and right).
TELL_US = re.compile(r"(?:^|[.!?]\s+)(Dywedwch|Dywed|Dweda|Dwed|Dweud)\b", re.M)


def welsh_said(child: bool) -> list[tuple[str, str]]:
    """(where, Welsh) of every string said to a child (or an adult) that we ship."""
    from babel.messages.pofile import read_po

    from api.surveys.welsh_review import CATALOGUES, newest_surveys, survey_strings
    from channels.qr import poster

    said: list[tuple[str, str]] = []
    for name, path in CATALOGUES.items():
        with path.open("rb") as source:
            for m in read_po(source):
                welsh = str(m.string)
                # A string only a child's branch says may have no child context: its "ti" tells.
                informal = bool(INFORMAL.search(welsh)) and not FORMAL.search(welsh)
                if m.id and (m.context == "child" or informal) == child:
                    said.append((name, welsh))
    for definition in newest_surveys():
        if (definition.audience is Audience.young_person) == child:
            said += [(definition.key, cy) for _, _, cy in survey_strings(definition)]
    for survey, (_, cy) in poster.ASKS.items():
        if (survey in poster.CHILD_SURVEYS) == child:
            said.append((f"poster {survey}", cy))
    return said


@pytest.mark.parametrize(("child", "form"), [(True, "Dywed"), (False, "Dywedwch")])
def test_tell_us_is_said_one_way_to_a_child_and_one_way_to_an_adult(child, form):
    forms = {
        (where, found.group(1), text)
        for where, text in welsh_said(child)
        for found in TELL_US.finditer(text)
    }
    wrong = {item for item in forms if item[1] != form}
    assert forms and wrong == set()
