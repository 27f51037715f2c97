"""The engine every query goes through: NUL never reaches the database, on either backend."""

from __future__ import annotations

from sqlalchemy import func, select

from api.models import Answer, Response
from tests.frontend.test_public import answer, begin


def test_a_nul_in_a_lookup_finds_nothing_rather_than_failing(client):
    for path in ("/f/%00", "/q/%00", "/f/parent-carer?qr=%00", "/you-said-we-did/%00"):
        page = client.get(path)
        assert page.status_code in (200, 404), (path, page.status_code)


def test_a_nul_typed_into_free_text_keeps_the_words_around_it(client, db):
    begin(client)
    saved = answer(client, "young-person", 7, "my worker\x00 listens")
    assert saved.status_code in (302, 303), saved.text[:300]
    kept = client.get("/f/young-person/7").text
    assert "my worker\ufffd listens" in kept


def test_json_and_plain_strings_lose_their_nul_alike(db):
    """Bound parameters and JSON values, as PostgreSQL would refuse them."""
    from api.core.db import _json_without_nul, _without_nul

    assert _without_nul({"a": "x\x00y", "n": 3, "l": ["\x00"]}) == {
        "a": "x\ufffdy",
        "n": 3,
        "l": ["\ufffd"],
    }
    assert _json_without_nul({"a": "x\x00"}) == '{"a": "x\\ufffd"}'
    # A typed backslash-u sequence is someone's text, not a NUL.
    assert _json_without_nul({"a": "\\u0000"}) == '{"a": "\\\\u0000"}'
    assert db.scalar(select(func.count()).select_from(Response)) == 0
    assert db.scalar(select(func.count()).select_from(Answer)) == 0


def test_numbers_too_large_for_their_column_are_a_clear_422(client, db):
    from api.accounts import service as accounts
    from api.models.enums import Role
    from tests import factories

    officer = factories.staff_user(db, Role.rights_team)
    headers = {"Authorization": f"Bearer {accounts.create_token(db, user=officer)}"}
    for big in (2**31, 2**63, 2**64):
        got = client.get(f"/api/v1/digests/{big}", headers=headers)
        assert got.status_code in (404, 422), (big, got.status_code, got.text[:200])
        if got.status_code == 422:
            assert "outside what can be kept" in got.json()["detail"]
