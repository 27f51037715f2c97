"""Single sign-on by OpenID Connect (authorization code with PKCE), for councils whose staff
sign in with Microsoft Entra ID or another identity provider.

The identity provider says who the person is; YouSaid decides what they may see. Only a
person an admin has already added (by email, active) is signed in; their role and teams are
YouSaid's. The ID token is checked in full: signature against the provider's published keys,
issuer, audience, expiry, and the nonce this browser was given.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from api.core.config import Settings, get_settings

TIMEOUT = 10.0
# The provider's clock and ours may differ a little.
LEEWAY_SECONDS = 120


class SsoError(Exception):
    """Sign-in through the identity provider failed; the message is safe to show."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Attempt:
    """What the browser carries (in a short-lived signed cookie) between leaving for the
    provider and coming back."""

    state: str
    nonce: str
    verifier: str
    next: str


def enabled(settings: Settings | None = None) -> bool:
    settings = settings or get_settings()
    return bool(settings.oidc_issuer and settings.oidc_client_id)


@lru_cache(maxsize=4)
def _provider(issuer: str) -> Provider:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = httpx.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
        return Provider(
            issuer=str(document["issuer"]),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
        )
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        raise SsoError("The sign-in service could not be reached. Try again soon.") from exc


def provider() -> Provider:
    settings = get_settings()
    assert settings.oidc_issuer
    return _provider(settings.oidc_issuer)


@lru_cache(maxsize=4)
def _keys(jwks_uri: str) -> jwt.PyJWKClient:
    # Caches the keys, and fetches them again when a token names a key it has not seen.
    return jwt.PyJWKClient(jwks_uri, cache_keys=True, timeout=int(TIMEOUT))


def redirect_uri(settings: Settings) -> str:
    return settings.public_base_url.rstrip("/") + "/staff/sso/callback"


def begin(next_page: str) -> tuple[str, Attempt]:
    """The provider's address to send the browser to, and what to remember meanwhile."""
    settings = get_settings()
    attempt = Attempt(
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),
        next=next_page,
    )
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(attempt.verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    query = {
        "client_id": settings.oidc_client_id,
        "response_type": "code",
        "redirect_uri": redirect_uri(settings),
        "scope": "openid email profile",
        "state": attempt.state,
        "nonce": attempt.nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "prompt": "select_account",
    }
    return f"{provider().authorization_endpoint}?{urlencode(query)}", attempt


def finish(code: str, attempt: Attempt) -> str:
    """Exchange the code, check the ID token, and return the email it vouches for."""
    settings = get_settings()
    found = provider()
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri(settings),
        "client_id": settings.oidc_client_id,
        "code_verifier": attempt.verifier,
    }
    if settings.oidc_client_secret:
        form["client_secret"] = settings.oidc_client_secret
    try:
        response = httpx.post(found.token_endpoint, data=form, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        raise SsoError("The sign-in service could not be reached. Try again soon.") from exc
    if response.status_code != 200:
        raise SsoError("The sign-in service did not accept this sign-in. Please start again.")
    try:
        id_token = str(response.json()["id_token"])
    except (ValueError, KeyError) as exc:
        raise SsoError("The sign-in service gave no identity. Please start again.") from exc
    claims = verify(id_token, found, audience=str(settings.oidc_client_id), nonce=attempt.nonce)
    email = _email(claims, settings.oidc_email_claim)
    if email is None:
        raise SsoError("The sign-in service did not say your email address.")
    return email


def verify(id_token: str, found: Provider, *, audience: str, nonce: str) -> dict[str, Any]:
    try:
        key = _keys(found.jwks_uri).get_signing_key_from_jwt(id_token)
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key.key,
            algorithms=["RS256", "RS384", "RS512", "ES256", "PS256"],
            audience=audience,
            issuer=found.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise SsoError("The sign-in could not be checked. Please start again.") from exc
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SsoError("The sign-in could not be checked. Please start again.")
    if claims.get("iat", 0) > time.time() + LEEWAY_SECONDS:
        raise SsoError("The sign-in could not be checked. Please start again.")
    return claims


def _email(claims: dict[str, Any], claim: str) -> str | None:
    for name in (claim, "email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return None
