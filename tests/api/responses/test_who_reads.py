"""A child's choice of who reads their words (decision 44), on every surface that shows free
text: one response (API), the staff list and its search, both exports, the intake that stores
the choice. Digest quotes, possible concerns, the review queue and alerts are tested beside
their own code (test_who_reads.py in each)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.core.errors import InvalidInput
from api.models import Answer, AuditEvent
from api.models.enums import Role, Visibility
from api.responses import browse, csv_stream
from api.responses.browse import Listing
from api.responses.csv_io import export_responses
from api.responses.filters import ResponseFilters, ResponseMatch
from tests import factories

NOW = datetime.now(UTC).replace(microsecond=0)
WORKER_WORDS = "My worker never comes on time and I feel left out"
RIGHTS_WORDS = "I want to live with my nan and nobody listens to me"
SERVICE_WORDS = "The games in the waiting room were really fun"


def child(db, team="north", name=None, **chosen: str):
    """A young person's answers in `team`, each free-text answer with the readers chosen."""
    words = {"good_things": SERVICE_WORDS, "worries": WORKER_WORDS, "wishes": RIGHTS_WORDS}
    stored = factories.response(
        db,
        survey="young-person",
        team=team,
        submitted_at=NOW - timedelta(hours=1),
        respondent_name=name,
        answers={k: v for k, v in words.items() if k in chosen},
        visibility=chosen,
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    return stored


def everyone(db, team="north", name=None):
    return child(db, team, name, good_things="service", worries="worker", wishes="rights_team")


def fetched(client, db, stored, role, teams=("north",)):
    headers = factories.auth(
        db, role, list(teams) if role in (Role.manager, Role.practitioner) else None
    )
    answer = client.get(f"/api/v1/responses/{stored.public_id}", headers=headers)
    assert answer.status_code == 200
    return answer.json()


def texts(read) -> dict[str, str | None]:
    return {a["question"]: a["text"] for a in read["answers"] if a["kind"] == "free_text"}


def test_the_choice_is_stored_on_each_answer(db):
    stored = everyone(db)
    kept = dict(
        db.execute(
            select(Answer.text, Answer.visibility).where(Answer.response_id == stored.id)
        ).all()
    )
    assert kept == {
        SERVICE_WORDS: Visibility.service,
        WORKER_WORDS: Visibility.worker,
        RIGHTS_WORDS: Visibility.rights_team,
    }


def test_a_choice_for_a_question_that_is_not_free_text_is_refused(db):
    with pytest.raises(InvalidInput) as refused:
        factories.response(
            db, survey="young-person", answers={"worries": "x"}, visibility={"safe_now": "worker"}
        )
    assert refused.value.errors[0].field == "visibility.safe_now"


def test_a_practitioner_cannot_read_words_for_the_rights_team_only(client, db):
    read = fetched(client, db, everyone(db), Role.practitioner)
    said = texts(read)
    assert said["wishes"] is None and RIGHTS_WORDS not in str(read)
    wishes = next(a for a in read["answers"] if a["question"] == "wishes")
    assert wishes["text_withheld"] and wishes["text_kept_by_choice"]
    assert wishes["visibility"] == "rights_team"
    # My worker: the redacted copy, as a practitioner always reads (decision 8).
    worries = next(a for a in read["answers"] if a["question"] == "worries")
    assert worries["text_redacted"] and not worries["text_kept_by_choice"]


def test_a_manager_reads_my_worker_raw_but_not_the_rights_team_only(client, db):
    said = texts(fetched(client, db, everyone(db), Role.manager))
    assert said["worries"] == WORKER_WORDS and said["good_things"] == SERVICE_WORDS
    assert said["wishes"] is None


def test_the_rights_team_reads_every_choice_and_the_reading_is_audited(client, db):
    stored = everyone(db)
    said = texts(fetched(client, db, stored, Role.rights_team))
    assert said == {"good_things": SERVICE_WORDS, "worries": WORKER_WORDS, "wishes": RIGHTS_WORDS}
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "response.view_raw"))
    assert event is not None and event.object_id == stored.public_id


def test_an_admin_reads_only_what_anyone_may(client, db):
    said = texts(fetched(client, db, everyone(db), Role.admin))
    assert said == {"good_things": SERVICE_WORDS, "worries": None, "wishes": None}


def test_without_my_name_keeps_the_name_from_every_reader(client, db):
    named = child(db, name="Kayleigh Jones", good_things="service")
    read = fetched(client, db, named, Role.rights_team)
    assert read["respondent_name"] is None and read["named"] is False
    headers = factories.auth(db, Role.rights_team)
    listed = client.get("/api/v1/responses", headers=headers).json()["items"]
    assert [i["named"] for i in listed] == [False]
    kept = child(db, name="Kayleigh Jones", wishes="rights_team")
    assert fetched(client, db, kept, Role.rights_team)["respondent_name"] == "Kayleigh Jones"


def test_answers_never_asked_read_as_before(client, db):
    stored = factories.response(
        db, team="north", survey="young-person", answers={"worries": WORKER_WORDS}
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    assert texts(fetched(client, db, stored, Role.admin))["worries"] == WORKER_WORDS


def listing(scope: Scope, words: str = "") -> Listing:
    return Listing(
        scope,
        NOW.date() - timedelta(days=3),
        NOW.date() + timedelta(days=1),
        ResponseFilters(),
        ResponseMatch(words=words),
    )


def manager(db) -> Scope:
    user = factories.staff_user(db, Role.manager, ["north"])
    return Scope(role=Role.manager, label=user.email, team_ids=frozenset(t.id for t in user.teams))


def test_the_list_shows_a_reader_only_the_words_they_may_see(db):
    everyone(db)
    found = browse.browse(db, manager(db), **_period(), filters=ResponseFilters())
    [row] = found.rows
    assert len(row.redacted) == 2 and not any("nan" in t for t in row.redacted)
    officer = factories.scope_of(Role.rights_team)
    [row] = browse.browse(db, officer, **_period(), filters=ResponseFilters()).rows
    assert any("nan" in t for t in row.redacted)


def test_search_does_not_find_words_the_reader_may_not_see(db):
    everyone(db)
    hidden = ResponseMatch(words="live with my nan")
    assert (
        browse.browse(db, manager(db), **_period(), filters=ResponseFilters(), match=hidden).total
        == 0
    )
    officer = factories.scope_of(Role.rights_team)
    assert (
        browse.browse(db, officer, **_period(), filters=ResponseFilters(), match=hidden).total == 1
    )


def _period():
    return {"start": NOW.date() - timedelta(days=3), "end": NOW.date() + timedelta(days=1)}


def test_the_staff_download_leaves_out_words_that_must_stay_in(app, db):
    everyone(db)
    lines = csv_stream.rows(
        app.state.sessions,
        csv_stream.Export(
            survey_key="young-person", listing=listing(factories.scope_of(Role.rights_team))
        ),
        theme_label=str,
    )
    text = b"".join(csv_stream.encoded(lines)).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["good_things"].startswith("The games")
    assert row["worries"] == "" and row["wishes"] == ""


def test_the_raw_export_leaves_out_words_that_must_stay_in(db):
    everyone(db)
    header, line = list(
        export_responses(db, Scope.system("cli"), survey_key="young-person", raw=True)
    )
    exported = dict(zip(header, line, strict=True))
    assert exported["good_things"] == SERVICE_WORDS
    assert exported["worries"] == "" and exported["wishes"] == ""
