"""Browsing responses with the staff list's filters, each one a condition in SQL (both
backends), and a response's place in the list for Previous and Next."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from api.answer_analysis import service as answer_analysis
from api.models.enums import Language, Role, SentimentLabel, ThemePolarity
from api.responses import browse
from api.responses.filters import ResponseFilters, ResponseMatch
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate, ThemeChoice
from tests import factories

KIND = "My worker was kind and really listened to us"  # listened_to and caring, praise
LATE = "Nobody rang me back for weeks"  # communication, a worry
CHANGES = "Three different social workers in a month"  # consistency, a worry
DISCLOSURE = "I dont feel safe at home, dad hits me"  # raises an alert
TODAY = datetime.now(UTC).date()
EVERYONE = factories.scope_of(Role.rights_team)


def respond(db, text, *, hours=1, question="one_thing_to_change", **fields):
    answers = factories.parent_answers(one_thing_to_change="", most_helpful="")
    answers[question] = text
    answers.update(fields.pop("answers", {}))
    stored = factories.response(
        db,
        team=fields.pop("team", "north"),
        submitted_at=datetime.now(UTC) - timedelta(hours=hours),
        answers=answers,
        **fields,
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    return stored.response.public_id


def found(db, match=ResponseMatch(), filters=ResponseFilters(), scope=EVERYONE) -> list[str]:
    page = browse.browse(
        db,
        scope,
        filters=filters,
        match=match,
        start=TODAY - timedelta(days=2),
        end=TODAY,
    )
    return [row.public_id for row in page.rows]


def correct(db, public_id, themes, sentiment=SentimentLabel.neutral, question=None):
    reviews.review(
        db,
        EVERYONE,
        correction=ReviewCreate(
            response=public_id,
            question=question or "one_thing_to_change",
            themes=[ThemeChoice(id=t, polarity=p) for t, p in themes],
            sentiment=sentiment,
        ),
    )


@pytest.fixture
def three(db):
    return {
        # Praise, where the survey asks what helped (asked what to change, it reads as a worry)
        "kind": respond(db, KIND, hours=3, question="most_helpful"),
        "late": respond(db, LATE, hours=2, answers={"listened_to": 1}),
        "changes": respond(db, CHANGES, hours=1, language=Language.cy, team="south"),
    }


def test_words_are_found_in_the_redacted_copy(db, three):
    assert found(db, ResponseMatch(words="RANG me")) == [three["late"]]
    assert found(db, ResponseMatch(words="%")) == []  # LIKE's wildcards are plain letters


def test_a_theme_and_its_polarity(db, three):
    assert found(db, ResponseMatch(theme="listened_to")) == [three["kind"]]
    assert found(db, ResponseMatch(theme="listened_to", polarity=ThemePolarity.negative)) == []
    worries = found(db, ResponseMatch(polarity=ThemePolarity.negative))
    assert set(worries) == {three["late"], three["changes"]}


def test_a_reviewers_themes_replace_the_machines(db, three):
    correct(db, three["kind"], [("reliability", "negative")], question="most_helpful")
    assert found(db, ResponseMatch(theme="listened_to")) == []
    assert found(db, ResponseMatch(theme="reliability")) == [three["kind"]]
    correct(db, three["late"], [])  # a person took every tag off
    assert found(db, ResponseMatch(theme="communication")) == []


def test_a_rating_on_one_statement(db, three):
    low = ResponseMatch(question="listened_to", rating=(1, 2))
    assert found(db, low) == [three["late"]]
    assert set(found(db, ResponseMatch(question="listened_to", rating=(5, 5)))) == {
        three["kind"],
        three["changes"],
    }
    assert len(found(db, ResponseMatch(question="listened_to"))) == 3


def test_feeling_with_a_reviewers_sentiment_winning(db, three):
    assert found(db, ResponseMatch(feeling=SentimentLabel.positive)) == [three["kind"]]
    assert set(found(db, ResponseMatch(feeling=SentimentLabel.negative))) == {
        three["late"],
        three["changes"],
    }
    correct(db, three["late"], [("communication", "negative")], SentimentLabel.mixed)
    assert found(db, ResponseMatch(feeling=SentimentLabel.mixed)) == [three["late"]]
    assert found(db, ResponseMatch(feeling=SentimentLabel.negative)) == [three["changes"]]


def test_two_feelings_make_a_mixed_response(db):
    both = respond(db, LATE, answers={"most_helpful": KIND})
    assert found(db, ResponseMatch(feeling=SentimentLabel.mixed)) == [both]
    assert found(db, ResponseMatch(feeling=SentimentLabel.positive)) == []


def test_language_reviewed_and_alert(db, three):
    assert found(db, ResponseMatch(language=Language.cy)) == [three["changes"]]
    correct(db, three["kind"], [("listened_to", "positive")], question="most_helpful")
    assert found(db, ResponseMatch(reviewed=True)) == [three["kind"]]
    assert three["kind"] not in found(db, ResponseMatch(reviewed=False))
    alerted = respond(db, DISCLOSURE)
    assert found(db, ResponseMatch(alert=True)) == [alerted]
    assert alerted not in found(db, ResponseMatch(alert=False))


def test_filters_combine_with_the_response_filters(db, three):
    worries = ResponseMatch(polarity=ThemePolarity.negative)
    assert found(db, worries, ResponseFilters(team="south")) == [three["changes"]]
    both = ResponseFilters(team=("north", "south"))
    assert sorted(found(db, worries, both)) == sorted(found(db, worries))


def test_previous_and_next_follow_the_lists_order(db, three):
    newest_first = found(db)
    assert newest_first == [three["changes"], three["late"], three["kind"]]
    middle = browse.neighbours(
        db,
        EVERYONE,
        public_id=three["late"],
        filters=ResponseFilters(),
        start=TODAY - timedelta(days=2),
        end=TODAY,
    )
    assert (middle.previous, middle.next, middle.page) == (three["changes"], three["kind"], 1)
    worries = browse.neighbours(
        db,
        EVERYONE,
        public_id=three["late"],
        filters=ResponseFilters(),
        match=ResponseMatch(polarity=ThemePolarity.negative),
        start=TODAY - timedelta(days=2),
        end=TODAY,
    )
    assert (worries.previous, worries.next) == (three["changes"], None)
    left_out = browse.neighbours(
        db,
        EVERYONE,
        public_id=three["kind"],
        filters=ResponseFilters(),
        match=ResponseMatch(polarity=ThemePolarity.negative),
        start=TODAY - timedelta(days=2),
        end=TODAY,
    )
    assert not left_out.listed and left_out.previous is None


def test_a_response_deep_in_the_list_is_on_its_page(db):
    ids = [respond(db, LATE, hours=n + 1) for n in range(browse.PAGE + 1)]
    last = browse.neighbours(
        db,
        EVERYONE,
        public_id=ids[-1],
        filters=ResponseFilters(),
        start=date.today() - timedelta(days=5),
        end=date.today() + timedelta(days=1),
    )
    assert last.page == 2 and last.previous == ids[-2] and last.next is None
