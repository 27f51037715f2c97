"""A digest a manager can read on Monday: a small team's week beside three months' shares,
alert numbers exact and the same as the queue's, links deep into the dashboard, names not
codes, Welsh quotes marked as Welsh."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from api.accounts.scope import Scope
from api.alerts import service as alerts
from api.answer_analysis import service as answer_analysis
from api.dashboard import overview as dashboard
from api.digests import content, links, render
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import containing
from api.models import SafeguardingAlert, Team
from api.models.enums import Role
from api.responses.filters import ResponseFilters
from frontend.staff import labels
from tests import factories
from tests.staff_pages import signed_in

WEEK = containing(date(2026, 11, 25), "weekly")  # 23-29 November 2026, 2026-W48
IN_WEEK = datetime(2026, 11, 25, 12, tzinfo=UTC)
BASE = "https://yousaid.example/"


@pytest.fixture(autouse=True)
def teams(db):
    factories.team(db, "cin-cp").name = "Child in Need and Protection"
    factories.team(db, "south")


def forum(db, key="cin-managers", **rule):
    definition = ForumDefinition.model_validate(
        {
            "key": key,
            "name": "CIN managers",
            "schedule": {"cadence": "weekly"},
            "members": ["m@council.example"],
            "rules": [rule or {"teams": ["cin-cp"]}],
        }
    )
    return forums.create(db, Scope.system("test"), definition=definition)


def respond(db, when, text="ok", team="cin-cp", scores=None, **fields):
    stored = factories.response(
        db,
        team=team,
        submitted_at=when,
        answers=factories.parent_answers(
            one_thing_to_change=text, most_helpful="", **(scores or {})
        ),
        **fields,
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    return stored.response


def test_a_small_teams_week_shows_the_last_full_quarters_shares(db):
    for month, day in ((7, 12), (8, 9), (9, 14)):
        for _ in range(4):  # 12 over July to September: enough for a share
            respond(db, datetime(2026, month, day, 12, tzinfo=UTC))
    for _ in range(3):  # this week: too few for a share of its own
        respond(db, IN_WEEK)
    built = content.build(db, forum(db), WEEK)
    # The last whole quarter, the same the Overview opens on (api/dashboard/window.py).
    assert built.wide.label == "July to September 2026"
    [table] = built.tables
    assert table.name == "Parents' and carers' survey"
    listened = next(line for line in table.lines if line.key == "listened_to")
    assert (listened.n, listened.pct) == ("<5", None)  # the week: a count, no share
    assert (listened.wide_n, listened.wide_pct) == (12, 100.0)
    assert listened.label == labels.statement("parent-carer", "listened_to")
    page = render.html(built, dashboard_url=BASE, brand="#1d4f91")
    assert "Agreeing, July to September 2026" in page
    text = render.plain(built, dashboard_url=BASE)
    assert (
        "I felt listened to and understood: this week <5 answers; "
        "July to September 2026: 100% (95% 76-100%) of 12 answers"
    ) in text


def test_a_forum_hearing_worries_still_counts_every_rating_from_its_teams(db):
    """Its statement shares are the teams' results, as the dashboard shows them, not a share
    among only those whose words were a worry; the disagree link asks only who and where."""
    for _ in range(6):
        respond(db, datetime(2026, 9, 9, 12, tzinfo=UTC), "She never came when she said")
        respond(db, datetime(2026, 9, 9, 12, tzinfo=UTC), "All good, thank you")
    worries = forum(db, "worries", teams=["cin-cp"], themes=["reliability"], polarity="negative")
    built = content.build(db, worries, WEEK)
    listened = next(line for line in built.tables[0].lines if line.key == "listened_to")
    assert listened.wide_n == 12  # all twelve ratings, not only the six who raised a worry
    query = parse_qs(urlparse(listened.link).query)
    assert query["question"] == ["listened_to"] and query["team"] == ["cin-cp"]
    assert "theme" not in query and "polarity" not in query


def test_the_change_compares_calendar_months_with_calendar_months(db):
    for _ in range(10):
        respond(
            db, datetime(2026, 6, 10, 12, tzinfo=UTC), scores={"listened_to": 2}
        )  # April to June: 0%
        respond(db, datetime(2026, 9, 10, 12, tzinfo=UTC))  # July to September: 100%
    built = content.build(db, forum(db), WEEK)
    line = next(x for x in built.tables[0].lines if x.key == "listened_to")
    assert built.wide.before().label == "April to June 2026"
    assert line.change == 100.0
    # 10 of 10 against 0 of 10 is far beyond chance: clearly better, and said at the top.
    assert line.direction == 1
    assert any(item.startswith("I felt listened to") for item in built.better)


def test_alert_counts_are_exact_and_the_same_as_the_queues(db):
    for n in range(3):
        respond(db, IN_WEEK, f"My mum's boyfriend hits me and I am scared to go home {n}")
    respond(db, IN_WEEK, "He hits me and I am scared to go home", team="south")
    for alert in db.query(SafeguardingAlert):
        alert.raised_at = IN_WEEK  # as if raised as the words arrived, in the week
    db.flush()
    built = content.build(db, forum(db), WEEK)
    [cin] = built.alerts
    team_id = db.query(Team.id).filter(Team.slug == "cin-cp").scalar()
    queue = alerts.queue(
        db, Scope.system("test"), wanted=alerts.Wanted(status="open", team_id=team_id)
    )
    assert cin.team == "Child in Need and Protection"
    assert cin.open == queue.total == 3  # never "<5": alerts are the council's own work
    assert dict(cin.by_status)["New, not yet picked up"] == 3
    assert cin.raised_in_period == 3
    assert cin.link == f"/staff/alerts?status=open&team={team_id}"
    text = render.plain(built, dashboard_url=BASE)
    assert f"Child in Need and Protection: 3 open; 3 raised this week - {BASE}staff" in text


def test_every_link_goes_to_the_dashboard_filtered_to_the_forum_and_period(db):
    for _ in range(3):
        respond(db, IN_WEEK, channel="sms")
    built = content.build(db, forum(db), WEEK)
    query = parse_qs(urlparse(built.responses_link).query)
    assert urlparse(built.responses_link).path == "/staff/responses"
    assert query == {
        "period": ["custom"],
        "from": ["2026-11-23"],
        "to": ["2026-11-29"],
        "team": ["cin-cp"],
    }
    [sms] = built.by_channel
    assert sms.name == "Text message" and parse_qs(urlparse(sms.link).query)["channel"] == ["sms"]
    statement = parse_qs(urlparse(built.tables[0].lines[0].link).query)
    assert statement["question"] == ["listened_to"] and statement["rating"] == ["1-2"]
    page = render.html(built, dashboard_url=BASE, brand="#1d4f91")
    hrefs = [part.split('"')[0] for part in page.split('href="')[1:]]
    assert hrefs and all(h.startswith(f"{BASE}staff/") for h in hrefs)


def test_a_forums_rules_become_the_responses_pages_filters():
    definition = ForumDefinition.model_validate(
        {
            "key": "huddle",
            "name": "Huddle",
            "schedule": {"cadence": "weekly"},
            "rules": [
                {
                    "audiences": ["young_person"],
                    "themes": ["reliability"],
                    "polarity": "negative",
                    "sentiments": ["negative"],
                    "collection_points": ["closure"],
                }
            ],
        }
    )
    query = parse_qs(
        urlparse(links.responses(definition, date(2026, 11, 23), date(2026, 11, 29))).query
    )
    assert query == {
        "period": ["custom"],
        "from": ["2026-11-23"],
        "to": ["2026-11-29"],
        "audience": ["young_person"],
        "point": ["closure"],
        "theme": ["reliability"],
        "feeling": ["negative"],
        "polarity": ["negative"],
    }
    # A forum hearing everything from one rule and one team from another has no team filter:
    # it would hide what the first rule hears.
    wide = ForumDefinition.model_validate(
        definition.model_dump() | {"rules": [{"audiences": ["partner"]}, {"teams": ["north"]}]}
    )
    assert "team" not in parse_qs(
        urlparse(links.responses(wide, date(2026, 11, 23), date(2026, 11, 29))).query
    )
    # Two teams: the link names both (the responses page takes team=a&team=b), so a reader
    # who sees every team sees exactly the forum's two.
    two = ForumDefinition.model_validate(
        definition.model_dump() | {"rules": [{"teams": ["north", "south"]}]}
    )
    assert parse_qs(urlparse(links.responses(two, date(2026, 11, 23), date(2026, 11, 29))).query)[
        "team"
    ] == ["north", "south"]


def test_names_not_codes(db):
    for _ in range(3):
        respond(db, IN_WEEK, "She never came when she said she would", channel="sms")
    page = render.html(content.build(db, forum(db), WEEK), dashboard_url=BASE, brand="#000")
    text = render.plain(content.build(db, forum(db, "other"), WEEK), dashboard_url=BASE)
    for written in (page, text):
        assert "Week of 23 November 2026" in written and "2026-W48" not in written
        assert "Text message" in written
        assert "sms <" not in written and "parent-carer)" not in written


def test_a_welsh_quote_is_marked_as_welsh(db):
    respond(
        db,
        IN_WEEK,
        "Roedd y gweithiwr yn garedig iawn ac yn gwrando arna i",
        language="cy",
    )
    respond(db, IN_WEEK, "She never rang back when she said she would, awful")
    built = content.build(db, forum(db), WEEK)
    assert {q.language for q in built.quotes} == {"cy", "en"}
    page = render.html(built, dashboard_url=BASE, brand="#000")
    assert '<blockquote lang="cy"' in page
    assert page.count("<blockquote lang=") == 1  # the English one takes the page's own


def test_rising_themes_say_what_they_were_compared_with(db):
    for week in range(1, 13):
        for _ in range(2):
            respond(db, IN_WEEK - timedelta(weeks=week), "She was kind")
    for _ in range(8):
        respond(db, IN_WEEK, "She never turned up when she said she would")
    built = content.build(db, forum(db), WEEK)
    assert [t.theme for t in built.rising] == ["reliability"]
    [line] = built.rising
    assert line.label == f"{labels.theme('reliability')} (worries)"
    assert line.now == 8 and line.before == 0
    text = render.plain(built, dashboard_url=BASE)
    assert "Mentioned more often than in the 13 weeks before (24 August 2026 to 22 November" in text
    assert "Fisher's exact test" in text


def test_the_digest_the_api_the_csv_and_the_overview_give_the_same_figures(client, db):
    """The numbers check: one statement, one team, one period, in the digest, the API's
    statement report, the CSV export and the Overview, for the week and for the three
    months beside it."""
    for _ in range(6):
        respond(db, datetime(2026, 9, 9, 12, tzinfo=UTC))
        respond(db, datetime(2026, 8, 9, 12, tzinfo=UTC), scores={"listened_to": 1})
    for _ in range(11):
        respond(db, IN_WEEK)
    built = content.build(db, forum(db), WEEK)
    line = next(x for x in built.tables[0].lines if x.key == "listened_to")
    manager = factories.staff_user(db, Role.manager, teams=["cin-cp"])
    token = factories.auth(db, Role.manager, teams=["cin-cp"])
    signed_in(client, manager.email)

    def api(start, end):
        report = client.get(
            "/api/v1/reports/statements",
            params={"survey": "parent-carer", "from": start, "to": end, "team": "cin-cp"},
            headers=token,
        ).json()
        figure = next(f for f in report["statements"] if f["key"] == "listened_to")
        return figure["n"], figure["top_two_box_pct"]

    def csv_export(start, end):
        body = client.get(
            "/staff/export/statements.csv",
            params={
                "survey": "parent-carer",
                "period": "custom",
                "from": start,
                "to": end,
                "team": "cin-cp",
            },
        ).text
        rows = list(csv.reader(io.StringIO(body)))
        row = next(r for r in rows if r[0] == "listened_to")
        return int(row[2]), float(row[4])

    def overview(start, end):
        found = dashboard.overview(
            db,
            factories.scope_of(Role.rights_team),
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
            filters=ResponseFilters(team="cin-cp"),
            target_pct=75,
        )
        report = next(r for r in found.statements if r.survey == "parent-carer")
        figure = next(f for f in report.statements or [] if f.key == "listened_to")
        return figure.n, figure.top_two_box_pct

    week = ("2026-11-23", "2026-11-29")
    wide = ("2026-07-01", "2026-09-30")
    assert (line.n, line.pct) == (11, 100.0)
    assert (line.wide_n, line.wide_pct) == (12, 50.0)
    for source in (api, csv_export, overview):
        assert source(*week) == (line.n, line.pct), source.__name__
        assert source(*wide) == (line.wide_n, line.wide_pct), source.__name__
