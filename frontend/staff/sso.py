"""Single sign-on pages: off to the identity provider, and back.

Between the two, the browser carries the attempt (state, nonce, PKCE verifier, where to go
next) in a cookie signed with the secret key, for ten minutes; the provider's answer must
bring the same state back."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.accounts import oidc, signin
from api.accounts.oidc import Attempt, SsoError
from api.core.config import get_settings
from api.core.db import run_transaction
from frontend.pages import secure_cookies
from frontend.staff.auth_routes import safe_next
from frontend.staff.language import _
from frontend.staff.session import error, set_session_cookie

router = APIRouter(include_in_schema=False)
ATTEMPT_COOKIE = "ys_sso"
ATTEMPT_SECONDS = 600


def _sign(payload: bytes) -> str:
    key = get_settings().secret_key.encode()
    mac = hmac.new(key, b"sso:" + payload, hashlib.sha256).hexdigest()
    return base64.urlsafe_b64encode(payload).decode() + "." + mac


def _unsign(value: str) -> dict[str, str] | None:
    encoded, _, mac = value.rpartition(".")
    try:
        payload = base64.urlsafe_b64decode(encoded.encode())
    except ValueError:
        return None
    key = get_settings().secret_key.encode()
    expected = hmac.new(key, b"sso:" + payload, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("expires", 0) < time.time():
        return None
    return {k: str(v) for k, v in data.items()}


@router.get("/staff/sso")
async def start(request: Request) -> Response:
    if not oidc.enabled():
        return error(request, 404, _("Single sign-on is not set up here."))
    next_page = safe_next(request.query_params.get("next"))
    try:
        url, attempt = await run_in_threadpool(oidc.begin, next_page)
    except SsoError as exc:
        return error(request, 502, str(exc))  # error() says it in the reader's language
    cookie = _sign(
        json.dumps(
            {
                "state": attempt.state,
                "nonce": attempt.nonce,
                "verifier": attempt.verifier,
                "next": attempt.next,
                "expires": int(time.time()) + ATTEMPT_SECONDS,
            }
        ).encode()
    )
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        ATTEMPT_COOKIE,
        cookie,
        max_age=ATTEMPT_SECONDS,
        httponly=True,
        samesite="lax",  # the provider sends the browser back with a top-level GET
        secure=secure_cookies(),
        path="/staff/sso",
    )
    return response


@router.get("/staff/sso/callback")
async def callback(request: Request) -> Response:
    if not oidc.enabled():
        return error(request, 404, _("Single sign-on is not set up here."))
    saved = _unsign(request.cookies.get(ATTEMPT_COOKIE, ""))
    params = request.query_params
    if saved is None or not hmac.compare_digest(params.get("state", ""), saved["state"]):
        return error(
            request, 400, _("This sign-in has expired or was not started here. Start again.")
        )
    if params.get("error") or not params.get("code"):
        return error(request, 401, _("The sign-in service did not sign you in. Start again."))
    attempt = Attempt(saved["state"], saved["nonce"], saved["verifier"], saved["next"])
    try:
        email = await run_in_threadpool(oidc.finish, str(params["code"]), attempt)
    except SsoError as exc:
        return error(request, 401, str(exc))

    def work(session: Session) -> signin.SignIn:
        return signin.sign_in_sso(session, email=email)

    result = await run_in_threadpool(run_transaction, request.app.state.sessions, work)
    if result.token is None:
        return error(
            request,
            403,
            _(
                "You signed in, but YouSaid does not know you (or your account is locked or "
                "off). Ask your YouSaid administrator to add you with your work email address."
            ),
        )
    response = RedirectResponse(safe_next(attempt.next), status_code=303)
    set_session_cookie(response, result.token)
    response.delete_cookie(ATTEMPT_COOKIE, path="/staff/sso")
    return response
