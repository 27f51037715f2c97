"""`yousaid invite` and `yousaid sms preview`, as an operator runs them."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.cli import app
from api.core.config import get_settings
from api.invitations.preview import preview
from api.models import CaseEvent, Invitation
from api.models.enums import Language, Tense
from api.surveys import library
from tests import factories

runner = CliRunner()
WHEN = "2026-11-20T10:00:00+00:00"
HEADER = (
    "event_id,case_ref,event,team,occurred_at,role,phone,email,language,do_not_contact,reason\n"
)


@pytest.fixture
def cli_db(fresh_database, use_database):
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "north-cin")
    return fresh_database


def count(database, model):
    with Session(database.engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_invite_from_a_csv_file(cli_db, tmp_path):
    file = tmp_path / "closures.csv"
    file.write_text(
        HEADER
        + f"E1,C-1,case_closed,north-cin,{WHEN},parent,07700 900401,,en,,\n"
        + f"E1,C-1,case_closed,north-cin,{WHEN},young_person,07700 900402,,cy,yes,court\n"
        + f"E2,C-2,front_door_completed,north-cin,{WHEN},partner,,gp@nhs.example,en,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["invite", str(file)])
    assert result.exit_code == 0, result.output
    assert "2 events (0 seen before). do not contact: 1, invited: 2." in result.stdout
    assert "07700" not in result.stdout
    again = runner.invoke(app, ["invite", str(file)])
    assert "2 events (2 seen before)" in again.stdout
    assert count(cli_db, Invitation) == 2


def test_one_bad_line_invites_nobody(cli_db, tmp_path):
    file = tmp_path / "bad.csv"
    file.write_text(
        HEADER
        + f"E1,C-1,case_closed,north-cin,{WHEN},parent,07700 900401,,en,,\n"
        + f"E1,C-1,case_closed,south,{WHEN},carer,07700 900403,,en,,\n"
        + f"E2,Jane Smith,case_closed,north-cin,{WHEN},parent,07700 900404,,en,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["invite", str(file)])
    assert result.exit_code == 1
    assert "line 3: team differ from line 2" in result.output
    assert "line 4: case_ref" in result.output
    assert count(cli_db, CaseEvent) == 0


def test_sms_preview_shows_each_texts_cost():
    result = runner.invoke(app, ["sms", "preview", "parent-carer", "--lang", "cy"])
    assert result.exit_code == 0, result.output
    assert "× UCS-2" in result.stdout and "0 over two segments" in result.stdout
    unknown = runner.invoke(app, ["sms", "preview", "nope"])
    assert unknown.exit_code == 1


@pytest.mark.parametrize("replies_cost", ["free", "standard"])
@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("tense", list(Tense))
def test_no_shipped_survey_text_costs_more_than_two_segments(
    language, tense, replies_cost, monkeypatch
):
    monkeypatch.setenv("YOUSAID_SMS_REPLIES_COST", replies_cost)
    get_settings.cache_clear()
    names = {line.name for line in preview("parent-carer", language=language, tense=tense)}
    # The texts outside a survey and the ambiguous-stop question are among those checked.
    assert {
        "not an answer, or outside a survey (once a day)",
        "asked if they want to stop",
    } <= names
    for survey in {s.key for s in library.survey_library()}:
        for line in preview(survey, language=language, tense=tense):
            assert not line.cost.too_long, (survey, line.name, line.text)
    monkeypatch.delenv("YOUSAID_SMS_REPLIES_COST")
    get_settings.cache_clear()


def test_digest_preview_prints_a_forums_digest(cli_db):
    with Session(cli_db.engine) as session, session.begin():
        from api.forums import service as forums

        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
    result = runner.invoke(
        app, ["digest", "preview", "--forum", "front-door-managers", "--period", "2026-W46"]
    )
    assert result.exit_code == 0, result.output
    assert "Front door team managers' reflective space: what people told us" in result.stdout
    assert "Week of 9 November 2026 (9 November to 15 November 2026)" in result.stdout
    wrong = runner.invoke(
        app, ["digest", "preview", "--forum", "front-door-managers", "--period", "2026-11"]
    )
    assert wrong.exit_code == 1 and "not a weekly period" in wrong.output
    missing = runner.invoke(app, ["digest", "preview", "--forum", "nope"])
    assert missing.exit_code == 1


def test_digest_preview_open_writes_the_html_email_and_opens_it(cli_db, monkeypatch):
    import webbrowser
    from pathlib import Path
    from urllib.parse import urlparse

    with Session(cli_db.engine) as session, session.begin():
        from api.forums import service as forums

        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
    opened: list[str] = []
    # The machine's browser is the one thing not run here: it is asked, and says it opened.
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    result = runner.invoke(
        app,
        ["digest", "preview", "--forum", "front-door-managers", "--period", "2026-W46", "--open"],
    )
    assert result.exit_code == 0, result.output
    [url] = opened
    page = Path(urlparse(url).path).read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Week of 9 November 2026" in page
    assert "Opened" in result.stderr


def test_digest_send_sends_once(cli_db, tmp_path, monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    with Session(cli_db.engine) as session, session.begin():
        from api.forums import service as forums

        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
        from api.answer_analysis import service as answer_analysis

        stored = factories.response(
            session,
            team="front-door",
            submitted_at=datetime(2026, 11, 11, 12, tzinfo=UTC),
            answers=factories.parent_answers(most_helpful="My worker was kind and listened"),
        )
        answer_analysis.analyse_response(session, response_id=stored.response.id)
    args = ["digest", "send", "--forum", "childrens-rights-team", "--period", "2026-W46"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "childrens-rights-team 2026-W46: empty" in first.stdout
    corporate = ["digest", "send", "--forum", "restorative-huddle", "--period", "2026-F23"]
    sent = runner.invoke(app, corporate)
    assert sent.exit_code == 0, sent.output
    assert "restorative-huddle 2026-F23: sent" in sent.stdout
    again = runner.invoke(app, corporate)
    assert "restorative-huddle 2026-F23: not sent again" in again.stdout  # not sent twice
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1


def test_invite_counts_age_bands_and_characteristics_from_their_columns(
    cli_db, tmp_path, monkeypatch
):
    from api.invitations import characteristics
    from api.models import CaseContact, CaseContactCharacteristic

    monkeypatch.setenv("YOUSAID_CHARACTERISTICS_FILE", str(characteristics.EXAMPLE_FILE))
    get_settings.cache_clear()
    file = tmp_path / "closures.csv"
    file.write_text(
        HEADER.rstrip("\n")
        + ",age_band,characteristic_disability\n"
        + f"E1,C-1,case_closed,north-cin,{WHEN},parent,07700 900401,,en,,,13-17,\n"
        + f"E1,C-1,case_closed,north-cin,{WHEN},young_person,07700 900402,,en,yes,,13-17,yes\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["invite", str(file)])
    assert result.exit_code == 0, result.output
    with Session(cli_db.engine) as session:
        bands = session.scalars(select(CaseContact.age_band)).all()
        found = session.execute(
            select(CaseContactCharacteristic.name, CaseContactCharacteristic.value)
        ).all()
    assert [b.value for b in bands] == ["13-17", "13-17"]
    assert [tuple(r) for r in found] == [("disability", "yes")]
    get_settings.cache_clear()
