"""The staff download of equality monitoring counts: counts only, suppressed for every role."""

from __future__ import annotations

import csv
import io

from api.models.enums import Role
from api.surveys import library
from tests import factories
from tests.equality_library import use_equality_library
from tests.staff_pages import signed_in


def test_the_export_page_offers_equality_counts_only_for_surveys_that_ask(
    client, db, tmp_path, monkeypatch
):
    admin = factories.staff_user(db, Role.admin)
    signed_in(client, admin.email)
    assert "Equality monitoring" not in client.get("/staff/export").text  # none shipped
    use_equality_library(tmp_path, monkeypatch, db)
    page = client.get("/staff/export").text
    assert "Download equality counts" in page
    assert 'option value="parent-carer"' in page.split("equality.csv")[1].split("</form>")[0]


def test_the_download_has_a_count_per_answer_and_suppresses_small_ones_for_an_admin(
    client, db, tmp_path, monkeypatch
):
    use_equality_library(tmp_path, monkeypatch, db)
    for choice in ["white"] * 5 + ["black"] * 2:
        factories.response(db, team="north", answers=factories.parent_answers(ethnic_group=choice))
    admin = factories.staff_user(db, Role.admin)
    signed_in(client, admin.email)
    got = client.get("/staff/export/equality.csv?survey=parent-carer&period=month")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert header == ["question", "answer", "count"]
    counted = {(q, a): n for q, a, n in rows}
    assert counted[("What is your ethnic group?", "White")] == "5"
    assert (
        counted[
            (
                "What is your ethnic group?",
                "Black, Black Welsh, Black British, Caribbean or African",
            )
        ]
        == "<5"
    )
    assert counted[("What is your ethnic group?", "(answered)")] == "7"
    assert counted[("What is your ethnic group?", "Prefer not to say")] == "0"


def test_the_staff_survey_page_marks_equality_questions(client, db, tmp_path, monkeypatch):
    use_equality_library(tmp_path, monkeypatch, db)
    admin = factories.staff_user(db, Role.admin)
    signed_in(client, admin.email)
    newest = max(d.version for d in library.survey_library() if d.key == "parent-carer")
    page = client.get(f"/staff/surveys/parent-carer/{newest}")  # the equality version
    assert page.status_code == 200
    assert "equality monitoring (web form only; shown as counts only)" in page.text
