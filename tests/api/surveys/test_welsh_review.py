"""What Welsh still waits for the council's Welsh language officer, shown to staff."""

from __future__ import annotations

import shutil

import yaml
from typer.testing import CliRunner

from api.cli import app
from api.models.enums import Role
from api.surveys import library, welsh_review
from tests import factories
from tests.staff_pages import signed_in

runner = CliRunner()


def test_every_string_of_the_newest_surveys_waiting_for_review_is_listed():
    waiting = welsh_review.waiting()
    sources = {item.source for item in waiting}
    assert {"young-person v3", "young-person-under-8 v4", "answer scales"} <= sources
    assert "young-person v2" not in sources  # only the version people are asked now
    safety = next(i for i in waiting if i.where == "question 1 (safe_now)" and "v3" in i.source)
    assert (safety.english, safety.welsh) == (
        "Are you worried or scared right now?",
        "Wyt ti'n poeni neu'n ofnus ar hyn o bryd?",
    )
    # Both wordings of a "while we work with you" / "after" pair are listed.
    assert any(i.where == "introduction, after" for i in waiting)


def test_a_survey_signed_off_is_no_longer_listed(tmp_path):
    copy = tmp_path / "library"
    shutil.copytree(library.LIBRARY_DIR, copy)
    newest = copy / "parent-carer" / "v2.yaml"
    content = yaml.safe_load(newest.read_text(encoding="utf-8"))
    content["welsh_review"] = "reviewed"
    newest.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    assert not [i for i in welsh_review.waiting(copy) if i.source.startswith("parent-carer")]


def test_the_catalogues_drafted_welsh_is_counted():
    counts = welsh_review.catalogues_waiting()
    assert counts["public pages"] > 100 and counts["texts and emails"] > 10


def test_the_command_lists_each_string_with_its_english():
    result = runner.invoke(app, ["surveys", "welsh-review"])
    assert result.exit_code == 0, result.output
    assert "young-person-under-8 v4:" in result.output
    assert "cy: Dywed wrthon ni!" in result.output and "en: Tell us!" in result.output
    brief = runner.invoke(app, ["surveys", "welsh-review", "--brief"]).output
    assert "public pages catalogue:" in brief and "cy: " not in brief


def test_the_staff_surveys_page_says_how_much_welsh_waits(client, db):
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get("/staff/surveys").text
    assert 'id="welsh-review"' in page and "yousaid surveys welsh-review" in page
