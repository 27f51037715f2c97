"""Single sign-on against a real HTTP stand-in for the identity provider: a person an admin
added signs in with the provider; anyone else, and any token that does not check out, does
not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from api.accounts import oidc
from api.core.config import get_settings
from api.models.enums import Role
from tests import factories
from tests.oidc_fake import CLIENT_ID, CLIENT_SECRET, fake_provider


@pytest.fixture
def provider(monkeypatch):
    with fake_provider() as fake:
        monkeypatch.setenv("YOUSAID_OIDC_ISSUER", fake.url)
        monkeypatch.setenv("YOUSAID_OIDC_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("YOUSAID_OIDC_CLIENT_SECRET", CLIENT_SECRET)
        get_settings.cache_clear()
        oidc._provider.cache_clear()
        oidc._keys.cache_clear()
        yield fake
    get_settings.cache_clear()
    oidc._provider.cache_clear()
    oidc._keys.cache_clear()


def round_trip(client, next_page="/staff/alerts"):
    """Leave for the provider, sign in there, come back: what the app then answers."""
    leave = client.get(f"/staff/sso?next={next_page}", follow_redirects=False)
    assert leave.status_code == 303, leave.text
    at_provider = httpx.get(leave.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["location"])
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def test_the_sign_in_page_offers_the_provider(client, provider):
    page = client.get("/staff/login?next=/staff/alerts")
    assert "Sign in with Microsoft" in page.text and "/staff/sso?next=/staff/alerts" in page.text


def test_a_person_the_admin_added_signs_in_with_the_provider(client, db, provider):
    user = factories.staff_user(db, Role.manager, teams=["north"])
    provider.email = user.email.upper()
    back = round_trip(client)
    assert back.status_code == 303 and back.headers["location"] == "/staff/alerts"
    assert client.get("/staff").status_code == 200
    leave = urlparse(provider.token_requests[-1]["redirect_uri"])
    assert leave.path == "/staff/sso/callback"
    assert "code_challenge" not in provider.token_requests[-1]  # the verifier, not the challenge


def test_someone_the_council_has_not_added_is_not_signed_in(client, db, provider):
    provider.email = "stranger@council.example"
    back = round_trip(client)
    assert back.status_code == 403 and "does not know you" in back.text
    assert client.get("/staff", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "tamper",
    [
        {"aud": "someone-else"},
        {"iss": "https://evil.example"},
        {"exp": 1},
        {"nonce": "replayed"},
        {"_signing_key": rsa.generate_private_key(public_exponent=65537, key_size=2048)},
    ],
    ids=["audience", "issuer", "expired", "nonce", "signature"],
)
def test_a_token_that_does_not_check_out_signs_nobody_in(client, db, provider, tamper):
    user = factories.staff_user(db)
    provider.email, provider.tamper = user.email, tamper
    back = round_trip(client)
    assert back.status_code == 401 and "could not be checked" in back.text


def test_a_callback_without_its_attempt_or_with_another_state_is_refused(client, db, provider):
    assert client.get("/staff/sso/callback?code=x&state=y").status_code == 400
    client.get("/staff/sso", follow_redirects=False)
    assert client.get("/staff/sso/callback?code=x&state=forged").status_code == 400
    errored = client.get("/staff/sso", follow_redirects=False)
    state = parse_qs(urlparse(errored.headers["location"]).query)["state"][0]
    denied = client.get(f"/staff/sso/callback?error=access_denied&state={state}")
    assert denied.status_code == 401


def test_without_settings_there_is_no_single_sign_on(client):
    assert client.get("/staff/sso").status_code == 404
    assert "Sign in with" not in client.get("/staff/login").text


def test_single_sign_on_returns_to_the_alert_from_the_email(client, db, provider):
    from urllib.parse import quote

    from tests.api.alerts.alerting import alert

    made = alert(db)
    user = factories.staff_user(db, Role.rights_team)
    provider.email = user.email
    wanted = f"/staff/alerts/{made.public_id}"
    login = client.get(client.get(wanted, follow_redirects=False).headers["location"]).text
    assert f"/staff/sso?next={wanted}" in login
    back = round_trip(client, next_page=quote(wanted, safe=""))
    assert back.status_code == 303 and back.headers["location"] == wanted


def test_single_sign_on_never_returns_to_another_site(client, db, provider):
    user = factories.staff_user(db, Role.rights_team)
    provider.email = user.email
    back = round_trip(client, next_page="https://evil.example/staff")
    assert back.headers["location"] == "/staff"
