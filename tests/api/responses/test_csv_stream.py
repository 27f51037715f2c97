"""The staff download of responses: its columns, a reviewer's themes, batches each in a
transaction of their own, the filters, and a file that imports back."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.models.enums import Role, SentimentLabel
from api.responses import csv_stream
from api.responses.browse import Listing
from api.responses.csv_io import import_responses
from api.responses.filters import ResponseFilters, ResponseMatch
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate, ThemeChoice
from tests import factories

LATE = "Nobody rang me back, call Jo on 07700 900123"
OFFICER = factories.scope_of(Role.rights_team)
NOW = datetime.now(UTC).replace(microsecond=0)


def respond(db, text=LATE, *, at=None, team="north"):
    stored = factories.response(
        db,
        team=team,
        submitted_at=at or NOW - timedelta(hours=1),
        answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    return stored.response.public_id


def export(app, match=ResponseMatch(), filters=ResponseFilters()) -> list[dict[str, str]]:
    listing = Listing(OFFICER, NOW.date() - timedelta(days=3), NOW.date(), filters, match)
    lines = csv_stream.rows(
        app.state.sessions,
        csv_stream.Export(survey_key="parent-carer", listing=listing),
        theme_label=lambda t: t.replace("_", " ").capitalize(),
    )
    text = b"".join(csv_stream.encoded(lines)).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_each_row_says_which_response_when_where_its_feeling_and_themes(app, db):
    public_id = respond(db)
    (row,) = export(app)
    assert list(row)[: len(csv_stream.COLUMNS)] == csv_stream.COLUMNS
    assert row["response_id"] == public_id and row["team"] == "north"
    assert row["team_name"] == "North" and row["audience"] == "parent_carer"
    assert datetime.fromisoformat(row["submitted_at"]) == NOW - timedelta(hours=1)
    assert date.fromisoformat(row["submitted_on"])  # the council's own calendar day
    assert (row["collection_point"], row["channel"], row["language"]) == ("closure", "web", "en")
    assert row["feeling"] == "negative"
    assert row["themes"] == "communication:negative"
    assert row["theme_labels"] == "Communication: worry"
    assert "07700 900123" not in row["one_thing_to_change"]  # redacted
    assert row["listened_to"] == "5"


def test_a_reviewers_themes_and_feeling_are_the_ones_exported(app, db):
    public_id = respond(db)
    reviews.review(
        db,
        OFFICER,
        correction=ReviewCreate(
            response=public_id,
            question="one_thing_to_change",
            themes=[ThemeChoice(id="reliability", polarity="negative")],
            sentiment=SentimentLabel.mixed,
        ),
    )
    (row,) = export(app)
    assert (row["themes"], row["feeling"]) == ("reliability:negative", "mixed")


def test_rows_come_in_batches_each_read_in_its_own_transaction(app, db, monkeypatch):
    monkeypatch.setattr(csv_stream, "BATCH", 2)
    same_moment = NOW - timedelta(hours=2)
    ids = [respond(db, at=same_moment) for _ in range(3)]
    ids += [respond(db, at=NOW - timedelta(minutes=n)) for n in (30, 20)]
    opened = []
    sessions = app.state.sessions

    @contextmanager
    def counted():
        opened.append(1)
        with sessions() as session:
            yield session

    listing = Listing(
        OFFICER, NOW.date() - timedelta(days=3), NOW.date(), ResponseFilters(), ResponseMatch()
    )
    lines = csv_stream.rows(
        counted, csv_stream.Export(survey_key="parent-carer", listing=listing), theme_label=str
    )
    header = next(lines)
    assert header[0] == "response_id" and opened == []  # nothing read before it is asked for
    first = next(lines)
    assert len(opened) == 1 and first[0] in ids[:3]
    rest = list(lines)
    assert len(opened) == 4  # three batches of two at most, and one that found nothing
    exported = [first[0]] + [r[0] for r in rest]
    assert sorted(exported) == sorted(ids)  # each once, ties on the moment broken by id
    assert exported[3:] == ids[3:]  # oldest first


def test_the_download_takes_the_lists_filters(app, db):
    respond(db, team="north")
    south = respond(db, "Three different social workers in a month", team="south")
    assert [r["response_id"] for r in export(app, filters=ResponseFilters(team="south"))] == [south]
    assert [r["response_id"] for r in export(app, ResponseMatch(words="different"))] == [south]
    assert [r["response_id"] for r in export(app, ResponseMatch(theme="consistency"))] == [south]


def test_a_downloaded_file_imports_back(app, db):
    respond(db)
    respond(db, "=SUM(A1) was what they said")
    text = b"".join(
        csv_stream.encoded(
            csv_stream.rows(
                app.state.sessions,
                csv_stream.Export(
                    survey_key="parent-carer",
                    listing=Listing(
                        OFFICER,
                        NOW.date() - timedelta(days=3),
                        NOW.date(),
                        ResponseFilters(),
                        ResponseMatch(),
                    ),
                ),
                theme_label=str,
            )
        )
    ).decode("utf-8-sig")
    report = import_responses(
        db, Scope.system("cli"), source=io.StringIO(text), survey_key="parent-carer"
    )
    assert (report.stored, report.errors) == (2, [])
