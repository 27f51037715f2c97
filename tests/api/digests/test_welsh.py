"""A forum's digest in Welsh, or in both languages: every heading, name, date and sentence
in the forum's language, a bilingual digest whole in each, in the council's order."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.digests import charts, content, render
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import containing
from api.surveys import names
from tests import factories

WEEK = containing(date(2026, 11, 25), "weekly")  # 23-29 November 2026
BASE = "https://yousaid.example/"


def forum(db, language):
    factories.team(db, "cin-cp")
    definition = ForumDefinition.model_validate(
        {
            "key": f"forum-{language}",
            "name": "Fforwm rheolwyr",
            "schedule": {"cadence": "weekly"},
            "members": ["m@council.example"],
            "rules": [{"teams": ["cin-cp"]}],
            "language": language,
        }
    )
    return forums.create(db, Scope.system("test"), definition=definition)


@pytest.fixture
def answered(db):
    for month, score in ((6, 2), (8, 5)):  # April-June: disagreeing; July-September: agreeing
        for _ in range(10):
            stored = factories.response(
                db,
                team="cin-cp",
                submitted_at=datetime(2026, month, 12, 12, tzinfo=UTC),
                answers=factories.parent_answers(
                    one_thing_to_change="She never rang back", most_helpful="", listened_to=score
                ),
            )
            answer_analysis.analyse_response(db, response_id=stored.response.id)
    stored = factories.response(
        db,
        team="cin-cp",
        submitted_at=datetime(2026, 11, 25, 12, tzinfo=UTC),
        answers=factories.parent_answers(
            one_thing_to_change="", most_helpful="My worker was kind and really listened to us"
        ),
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)


def test_a_welsh_forums_digest_is_welsh_throughout(db, answered):
    built = content.build(db, forum(db, "cy"), WEEK)
    assert built.language == "cy" and built.also is None
    assert built.period_label == "Wythnos yn dechrau 23 Tachwedd 2026"
    assert built.wide.label == "Gorffennaf–Medi 2026"
    [table] = built.tables
    assert table.name == "Arolwg rhieni a gofalwyr"
    listened = next(line for line in table.lines if line.key == "listened_to")
    assert listened.label == names.statement("parent-carer", "listened_to", "cy")
    assert listened.direction == 1
    page = render.html(built, dashboard_url=BASE, brand="#1d4f91", images=charts.data_uris(built))
    assert '<html lang="cy">' in page
    for welsh in (
        "beth ddywedodd pobl wrthym",
        "Yn fyr",
        "Yn amlwg yn well (",
        "Rhybuddion diogelu",
    ):
        assert welsh in page, welsh
    assert "i fyny 100 pwynt" in page
    for english in ("Safeguarding alerts", "what people told us", "Statement", "Clearly better"):
        assert english not in page, english
    assert "Cyfran sy&#39;n cytuno bob mis. Mehefin 2026" in page  # the picture's words
    # A quote in English in a Welsh digest is marked as English.
    assert built.quotes and 'lang="en"' in page
    text = render.plain(built, dashboard_url=BASE)
    assert text.startswith("Fforwm rheolwyr: beth ddywedodd pobl wrthym\nWythnos yn dechrau")
    assert "(23 Tachwedd i 29 Tachwedd 2026)" in text
    assert render.subject(built, council="Cyngor") == (
        "Cyngor – Fforwm rheolwyr: adborth, Wythnos yn dechrau 23 Tachwedd 2026"
    )


def test_a_bilingual_digest_is_whole_in_each_language_english_first(db, answered):
    built = content.build(db, forum(db, "both"), WEEK)
    assert built.language == "en" and built.also is not None and built.also.language == "cy"
    page = render.html(built, dashboard_url=BASE, brand="#1d4f91", images=charts.data_uris(built))
    assert page.index('id="digest-en"') < page.index('id="digest-cy"')
    assert "Safeguarding alerts" in page and "Rhybuddion diogelu" in page
    assert '<a href="#digest-cy"' in page  # the Welsh is one tap away from the top
    pictures = charts.draw(built)
    assert "trend-parent-carer-listened_to" in pictures
    assert "trend-parent-carer-listened_to-cy" in pictures  # its axis names the months in Welsh
    text = render.plain(built, dashboard_url=BASE)
    assert text.index("what people told us") < text.index("beth ddywedodd pobl wrthym")


def test_the_councils_order_puts_welsh_first(monkeypatch):
    monkeypatch.setattr(content, "get_settings", lambda: SimpleNamespace(language_order="cy-en"))
    assert content.languages("both") == ("cy", "en")
    monkeypatch.setattr(content, "get_settings", lambda: SimpleNamespace(language_order="en-cy"))
    assert content.languages("both") == ("en", "cy")
    assert content.languages("cy") == ("cy",)


def test_the_change_has_an_arrow_and_words_not_colour_alone(db, answered):
    built = content.build(db, forum(db, "en"), WEEK)
    page = render.html(built, dashboard_url=BASE, brand="#1d4f91")
    assert '<span aria-hidden="true">▲</span> up 100 points (clearly)' in page
    assert "Clearly better (" in page
    assert "): I felt listened to and understood (▲ up 100 points)" in page
