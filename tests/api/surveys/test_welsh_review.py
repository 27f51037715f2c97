"""What Welsh still waits for the council's Welsh language officer, shown to staff."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.accounts.scope import Scope
from api.cli import app
from api.models.enums import Role
from api.surveys import library, welsh_review, welsh_signoff
from tests import factories
from tests.staff_pages import signed_in


@pytest.fixture
def cli_db(fresh_database, use_database):
    use_database(fresh_database)
    return fresh_database


def officer_scope(user):
    return Scope(role=user.role, label=user.email, user_id=user.id)


runner = CliRunner()


def test_every_string_of_the_newest_surveys_waiting_for_review_is_listed():
    waiting = welsh_review.waiting()
    sources = {item.source for item in waiting}
    assert {"young-person v3", "young-person-under-8 v4", "answer scales"} <= sources
    assert "young-person v2" not in sources  # only the version people are asked now
    safety = next(
        i for i in waiting if i.where == "question 1 (safe_now)" and i.source == "young-person v3"
    )
    assert (safety.english, safety.welsh) == (
        "Are you worried or scared right now?",
        "Wyt ti'n poeni neu'n ofnus ar hyn o bryd?",
    )
    # Both wordings of a "while we work with you" / "after" pair are listed.
    assert any(i.where == "introduction, after" for i in waiting)


def test_a_survey_signed_off_is_no_longer_listed(tmp_path):
    copy = tmp_path / "library"
    shutil.copytree(library.LIBRARY_DIR, copy)
    newest = copy / "parent-carer" / "v3.yaml"
    content = yaml.safe_load(newest.read_text(encoding="utf-8"))
    content["welsh_review"] = "reviewed"
    newest.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    assert not [i for i in welsh_review.waiting(copy) if i.source.startswith("parent-carer")]


def test_every_entry_of_the_drafted_catalogues_is_listed_with_its_english():
    waiting = welsh_review.waiting()
    pages = [i for i in waiting if i.source == "public pages catalogue"]
    texts = [i for i in waiting if i.source == "texts and emails catalogue"]
    assert len(pages) > 100 and len(texts) > 10
    skip = next(i for i in pages if i.english == "Skip to main content")
    assert skip.welsh == "Neidio i'r prif gynnwys"
    # The children's wording of a string is told apart from the adults'.
    assert any(i.where == "child wording" for i in pages)


def test_a_string_is_fingerprinted_by_its_place_and_both_wordings():
    one = welsh_review.Waiting("young-person v3", "title", "Tell us", "Dywed wrthon ni")
    assert one.fingerprint == welsh_review.Waiting(*vars(one).values()).fingerprint
    changed = welsh_review.Waiting("young-person v3", "title", "Tell us", "Dweda wrthon ni")
    assert changed.fingerprint != one.fingerprint


def test_the_command_lists_each_string_with_its_english(cli_db):
    result = runner.invoke(app, ["surveys", "welsh-review"])
    assert result.exit_code == 0, result.output
    assert "young-person-under-8 v4:" in result.output
    assert "cy: Dywed wrthon ni!" in result.output and "en: Tell us!" in result.output
    brief = runner.invoke(app, ["surveys", "welsh-review", "--brief"]).output
    assert "public pages catalogue:" in brief and "cy: " not in brief


def test_the_command_leaves_out_what_the_officer_approved(cli_db):
    first = welsh_review.waiting()[0]
    with Session(cli_db.engine) as session, session.begin():
        officer = factories.staff_user(session, Role.rights_team)
        welsh_signoff.approve(
            session, officer_scope(officer), by_name="Gwen", fingerprints=[first.fingerprint]
        )
    before = len(welsh_review.waiting())
    result = runner.invoke(app, ["surveys", "welsh-review", "--brief"])
    assert result.exit_code == 0, result.output
    assert "1 Welsh strings approved on the staff Welsh page are left out." in result.output
    counted = sum(
        int(line.split(": ")[1].split()[0])
        for line in result.output.splitlines()
        if "wait for review" in line
    )
    assert counted == before - 1


def test_the_staff_surveys_page_says_how_much_welsh_waits_and_links_the_review(client, db):
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get("/staff/surveys").text
    assert 'id="welsh-review"' in page and 'href="/staff/surveys/welsh"' in page


def test_a_practitioner_is_told_how_much_waits_but_not_offered_the_review(client, db):
    signed_in(client, factories.staff_user(db, Role.practitioner, ["assessment"]).email)
    page = client.get("/staff/surveys").text
    assert 'id="welsh-review"' in page and 'href="/staff/surveys/welsh"' not in page
