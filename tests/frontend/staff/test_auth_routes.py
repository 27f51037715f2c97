"""Signing in and out through the pages: cookies, CSRF, lockout, no open redirects."""

from __future__ import annotations

import pytest

from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, sign_in, signed_in


def test_a_staff_page_sends_you_to_sign_in_and_back(client, db):
    first = client.get("/staff?period=3m", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/staff/login?next=%2Fstaff%3Fperiod%3D3m"
    user = factories.staff_user(db)
    response = sign_in(client, user.email, next_="/staff?period=3m")
    assert response.status_code == 303 and response.headers["location"] == "/staff?period=3m"
    cookie = response.headers["set-cookie"]
    assert "ys_staff=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = client.get("/staff?period=3m")
    assert page.status_code == 200 and "<h1>Overview</h1>" in page.text


def test_staff_pages_carry_strict_headers(client, db):
    signed_in(client, factories.staff_user(db).email)
    page = client.get("/staff")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_a_wrong_password_says_so_without_saying_which(client, db):
    user = factories.staff_user(db)
    wrong = sign_in(client, user.email, password="nope")
    unknown = sign_in(client, "nobody@council.example")
    assert wrong.status_code == unknown.status_code == 401
    assert "email address or password is not right" in wrong.text
    assert wrong.text.replace(user.email, "") == unknown.text.replace(
        "nobody@council.example", ""
    ).replace(csrf_of(unknown.text), csrf_of(wrong.text))


def test_the_sixth_try_is_refused_even_with_the_right_password(client, db):
    user = factories.staff_user(db)
    for _ in range(5):
        sign_in(client, user.email, password="nope")
    assert sign_in(client, user.email).status_code == 401


def test_sign_in_without_the_forms_token_is_refused(client, db):
    user = factories.staff_user(db)
    response = client.post(
        "/staff/login",
        data={"email": user.email, "password": factories.STAFF_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 403 and "ys_staff" not in response.headers.get("set-cookie", "")


def test_next_never_leaves_the_staff_pages(client, db):
    user = factories.staff_user(db)
    for target in ("https://evil.example/", "//evil.example/staff", "/staff\\@evil.example"):
        response = sign_in(client, user.email, next_=target)
        assert response.headers["location"] == "/staff", target


def test_sign_out_needs_the_sessions_token_and_ends_the_session(client, db):
    signed_in(client, factories.staff_user(db).email)
    page = client.get("/staff")
    forged = client.post("/staff/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert client.get("/staff", follow_redirects=False).status_code == 200  # still signed in
    out = client.post(
        "/staff/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert out.headers["location"] == "/staff/login?signed_out=1"
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_a_reset_password_must_be_changed_before_anything_else(client, db):
    from api.accounts import signin
    from api.accounts.scope import Scope

    user = factories.staff_user(db, Role.practitioner, teams=["north"])
    temporary = signin.reset_password(db, Scope.system("test"), user)
    response = sign_in(client, user.email, password=temporary)
    assert response.headers["location"] == "/staff/password"
    assert client.get("/staff", follow_redirects=False).headers["location"] == "/staff/password"
    form = client.get("/staff/password")
    short = client.post(
        "/staff/password",
        data={"csrf_token": csrf_of(form.text), "current_password": temporary, "password": "x"},
    )
    assert short.status_code == 422 and "at least 12 characters" in short.text
    done = client.post(
        "/staff/password",
        data={
            "csrf_token": csrf_of(form.text),
            "current_password": temporary,
            "password": "a much better passphrase",
        },
        follow_redirects=False,
    )
    assert done.headers["location"] == "/staff?password_changed=1"
    assert client.get("/staff").status_code == 200


def test_someone_who_must_change_their_password_can_still_sign_out(client, db):
    from api.accounts import signin
    from api.accounts.scope import Scope

    user = factories.staff_user(db, Role.practitioner, teams=["north"])
    temporary = signin.reset_password(db, Scope.system("test"), user)
    sign_in(client, user.email, password=temporary)
    form = client.get("/staff/password")
    out = client.post(
        "/staff/logout", data={"csrf_token": csrf_of(form.text)}, follow_redirects=False
    )
    assert out.headers["location"] == "/staff/login?signed_out=1"


def test_many_sign_in_tries_from_one_address_get_a_too_many_tries_page(client, db, monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_SIGN_IN_POSTS_PER_10_MINUTES", "3")
    get_settings.cache_clear()
    user = factories.staff_user(db)
    for n in range(3):
        assert sign_in(client, f"guess{n}@council.example").status_code == 401
    refused = sign_in(client, user.email)  # even the right password, from here, for now
    assert refused.status_code == 429 and "Too many sign-in tries" in refused.text
    get_settings.cache_clear()


@pytest.mark.xdist_group("redis")  # both empty Redis database 15
def test_a_redis_limiter_counts_each_purpose_on_its_own():
    import os

    import pytest

    from frontend.security import RedisRateLimiter

    url = os.environ.get("YOUSAID_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    forms, sign_ins = RedisRateLimiter(url, 1, 60), RedisRateLimiter(url, 1, 60, "sign-in")
    try:
        forms.client.ping()
    except Exception:
        if os.environ.get("YOUSAID_TEST_REQUIRE_REDIS") == "1":
            raise
        pytest.skip("no Redis")
    client = f"10.0.0.{os.getpid() % 250}"
    forms.client.flushdb()
    assert forms.allow(client) and sign_ins.allow(client)  # one each
    assert not forms.allow(client) and not sign_ins.allow(client)
