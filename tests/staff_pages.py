"""Signing in to the staff pages from a test, as a browser would: the form, its CSRF token,
the cookie."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import STAFF_PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = STAFF_PASSWORD, next_: str = "/staff"):
    form = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_of(form.text),
            "email": email,
            "password": password,
            "next": next_,
        },
        follow_redirects=False,
    )


def signed_in(client: TestClient, email: str) -> TestClient:
    response = sign_in(client, email)
    assert response.status_code == 303, response.text
    return client
