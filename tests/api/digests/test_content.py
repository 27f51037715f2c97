"""A forum's digest: only what its rules hear, every figure suppressed, quotes redacted,
alerts and possible concerns waiting as numbers, never a flagged answer's words."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.actions import service as actions
from api.actions.schemas import ActionWrite
from api.answer_analysis import service as answer_analysis
from api.digests import content, render
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import containing
from api.models import Forum
from tests import factories
from tests.api.concerns.concerning import concern, concerned

WEEK = containing(date(2026, 11, 11), "weekly")  # 2026-W46
IN_WEEK = datetime(2026, 11, 11, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def teams(db):
    factories.team(db, "north")
    factories.team(db, "south")


def forum(db, key="north-managers", **rule) -> Forum:
    definition = ForumDefinition.model_validate(
        {
            "key": key,
            "name": key.replace("-", " ").capitalize(),
            "schedule": {"cadence": "weekly"},
            "members": ["m@council.example"],
            "rules": [rule],
        }
    )
    return forums.create(db, Scope.system("test"), definition=definition)


def respond(db, team, text, when=IN_WEEK, **scores):
    result = factories.response(
        db,
        team=team,
        submitted_at=when,
        answers=factories.parent_answers(one_thing_to_change=text, most_helpful="", **scores),
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return result.response.id


def test_a_managers_digest_hears_only_their_team_and_suppresses_small_numbers(db):
    row = forum(db, teams=["north"])
    for n in range(20):  # the 13 weeks before, which rising themes are measured against
        respond(db, "north", "She was kind", when=IN_WEEK - timedelta(weeks=1 + n % 12))
    for n in range(6):
        respond(db, "north", f"She never turned up when she said she would {n}")
    for _ in range(3):
        respond(db, "south", "Nobody rang me back, ever")
    built = content.build(db, row, WEEK)
    assert built.responses == 6
    assert [(c.name, c.count) for c in built.by_channel] == [("Web form", 6)]
    [report] = built.statements
    listened = next(f for f in report.statements if f.key == "listened_to")
    assert listened.n == 6
    assert any(t.theme == "reliability" for t in built.rising)
    assert all("rang me back" not in q.text for q in built.quotes)
    south = content.build(db, forum(db, "south-managers", teams=["south"]), WEEK)
    assert south.responses == "<5"


def test_quotes_are_redacted_and_a_disclosure_is_never_quoted(db):
    row = forum(db)
    respond(db, "north", "My worker Sarah never rang back on 07700 900123, so frustrating")
    respond(db, "north", "My mum's boyfriend hits me and I am scared to go home")
    built = content.build(db, row, WEEK)
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert "07700 900123" not in text
    assert "hits me" not in text and "scared to go home" not in text
    # Alerts are the council's own work, not respondents' views: exact, never "<5".
    [everyone] = built.alerts
    assert everyone.open == 1 and dict(everyone.by_status)["New, not yet picked up"] == 1


def test_open_actions_and_an_empty_week(db):
    row = forum(db, teams=["north"])
    actions.create(
        db,
        Scope.system("test"),
        body=ActionWrite(
            team="north",
            you_said="You could not get hold of us",
            we_did="A duty line",
            owner="Team manager",
            due_on=date(2026, 12, 1),
        ),
    )
    built = content.build(db, row, WEEK)
    assert built.empty
    assert [a.we_did for a in built.open_actions] == ["A duty line"]
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert "Responses: 0" in text and "A duty line" in text and "due 1 December 2026" in text


def test_a_practice_leaders_forum_sees_statements_below_target(db):
    row = forum(db, statements_below_target=75)
    for _ in range(12):
        respond(db, "north", "ok", does_what_they_say=2)
    built = content.build(db, row, WEEK)
    labels = [label for _, label, _ in built.below_target]
    assert "My worker does what they say they will do" in labels
    assert built.responses == 0  # it hears figures, not responses


@pytest.mark.parametrize("when", [datetime(2026, 11, 9, 0, 30, tzinfo=UTC)])
def test_the_period_is_the_councils_week(db, when):
    row = forum(db)
    respond(db, "north", "She was kind", when=when)
    assert content.build(db, row, WEEK).responses == "<5"
    assert db.scalar(select(Forum.key)) == "north-managers"


def test_the_html_part_escapes_free_text_and_reads_without_styles_sheets(db):
    row = forum(db)
    for n in range(3):
        respond(db, "north", f"<script>alert({n})</script> she never came when she said")
    page = render.html(
        content.build(db, row, WEEK), dashboard_url="https://yousaid.example/", brand="#1d4f91"
    )
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<style" not in page and "<table" in page  # inline styles and tables, for Outlook
    assert "https://yousaid.example/" in page


def test_a_forum_that_follows_figures_shows_no_response_count(db):
    row = forum(db, statements_below_target=75)
    text = render.plain(content.build(db, row, WEEK), dashboard_url="https://yousaid.example/")
    assert "Responses:" not in text


def test_each_statement_has_a_six_month_trend_with_small_months_left_as_gaps(db):
    row = forum(db, statements_below_target=75)
    for month, scores in ((9, 2), (11, 5)):
        for _ in range(10):
            respond(
                db,
                "north",
                "ok",
                when=datetime(2026, month, 11, 12, tzinfo=UTC),
                **{"does_what_they_say": scores},
            )
    for _ in range(3):  # too few in October to show a share
        respond(db, "north", "ok", when=datetime(2026, 10, 14, 12, tzinfo=UTC))
    built = content.build(db, row, WEEK)
    trend = next(t for t in built.trends if t.key == "does_what_they_say")
    assert trend.months == ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11")
    assert trend.shares == (None, None, None, 0.0, None, 100.0)
    assert trend.target == 75 and trend.shown
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert "last 6 months: -, -, -, 0%, -, 100%" in text


def test_the_html_part_shows_each_trend_as_a_picture_with_its_words(db):
    row = forum(db)
    for month in (10, 11):
        for _ in range(10):
            respond(db, "north", "ok", when=datetime(2026, month, 11, 12, tzinfo=UTC))
    built = content.build(db, row, WEEK)
    listened = next(t for t in built.trends if t.key == "listened_to")
    page = render.html(
        built,
        dashboard_url="https://yousaid.example/",
        brand="#1d4f91",
        images={listened.chart_id: "cid:listened@yousaid"},
    )
    assert '<img src="cid:listened@yousaid"' in page
    # On a phone the picture shrinks to the screen rather than widening the email.
    assert "max-width:100%;height:auto" in page.split('<img src="cid:listened@yousaid"')[1][:400]
    assert (
        "October 2026: 100%, November 2026: 100%" in page
    )  # the alt text says what the line shows
    without = render.html(built, dashboard_url="https://yousaid.example/", brand="#1d4f91")
    assert "<img" not in without and "Last 6 months" not in without


def test_possible_concerns_waiting_are_numbers_never_words(db, monkeypatch):
    monkeypatch.setattr(answer_analysis, "analyse", concerned)
    row = forum(db, "rights-team", audiences=["young_person"])
    made = [concern(db, team="north", words=f"I get scared at night {n}") for n in range(6)]
    made[0].due_at = datetime.now(UTC) - timedelta(hours=1)
    concern(db, team="north", survey="parent-carer", question="one_thing_to_change")  # not heard
    db.flush()
    built = content.build(db, row, WEEK)
    assert built.concerns_waiting == (6, 1)  # exact, as alerts are (decision 33)
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert "Possible concerns waiting to be read: 6 (1 overdue)" in text
    assert "scared at night" not in text


def test_a_statement_nobody_answered_offers_no_link_to_who_disagreed(db):
    row = forum(db)
    for n in range(3):
        respond(db, "north", "fine", agreed_with_concerns=None)
    built = content.build(db, row, WEEK)
    lines = [line for table in built.tables for line in table.lines]
    answered = [line for line in lines if line.n]
    assert len(answered) < len(lines)  # agreed_with_concerns: no answers this week
    page = render.html(built, dashboard_url="https://yousaid.example/", brand="#1d4f91")
    assert page.count("Who disagreed") == len(answered)
