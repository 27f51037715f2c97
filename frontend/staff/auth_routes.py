"""Signing in and out, and changing one's password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.accounts import oidc, signin
from api.accounts.signin import Outcome, SignedIn
from api.core.config import get_settings
from api.core.db import run_transaction
from api.core.errors import FieldError, InvalidInput
from api.models import StaffUser
from frontend import security
from frontend.pages import secure_cookies
from frontend.staff import language
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import (
    SESSION_COOKIE,
    clear_session_cookie,
    error,
    page,
    set_session_cookie,
)

router = APIRouter(include_in_schema=False)
# The accounts service's words about a new password (api/accounts/signin.py, English), as
# the password page shows them in the reader's language.
PASSWORD_PROBLEMS = (
    N_("use at least 12 characters (three words work well)"),
    N_("do not use your email address"),
    N_("use at most 1,000 characters"),
    N_("not right"),
)
DEMO_SIGN_IN = "rights.officer@demo.yousaid.local / yousaid-demo"


def safe_next(value: str | None) -> str:
    """Back to the staff page asked for, never elsewhere (no open redirect)."""
    # Only a path on this site under /staff: no scheme, no host ("//evil", "/\\evil"), and no
    # control characters a header could be split on.
    if (
        value
        and value.startswith("/staff")
        and not value.startswith("//")
        and "\\" not in value
        and all(ch >= " " and ch != "\x7f" for ch in value)
    ):
        return value
    return "/staff"


def _login_page(
    request: Request, *, status: int = 200, problem: str | None = None, email: str = ""
) -> Response:
    language.use(language.before_sign_in(request))
    cookie = security.csrf_cookie(request)
    settings = get_settings()
    response = staff_page(
        request,
        "staff/login.html",
        status=status,
        who=None,
        title=_("Sign in"),
        csrf_token=security.csrf_token(cookie),
        next=safe_next(request.query_params.get("next")),
        email=email,
        problem=problem,
        signed_out=request.query_params.get("signed_out") == "1",
        sso=settings.oidc_display_name if oidc.enabled(settings) else None,
        demo_hint=DEMO_SIGN_IN if settings.environment == "development" else None,
    )
    response.set_cookie(
        security.CSRF_COOKIE, cookie, httponly=True, samesite="lax", secure=secure_cookies()
    )
    return response


@router.get("/staff/login")
async def login_form(request: Request) -> Response:
    return _login_page(request)


def _sign_in_limiter(request: Request) -> security.Limiter:
    """Sign-in attempts per address (on top of each account's own lockout): one per app."""
    limiter: security.Limiter | None = getattr(request.app.state, "sign_in_limiter", None)
    if limiter is None:
        limit = get_settings().sign_in_posts_per_10_minutes
        limiter = security.limiter_for(limit, 600, purpose="sign-in")
        request.app.state.sign_in_limiter = limiter
    return limiter


@router.post("/staff/login")
async def login(request: Request) -> Response:
    client = request.client.host if request.client else "unknown"
    if not _sign_in_limiter(request).allow(client):
        return _login_page(
            request,
            status=429,
            problem=_("Too many sign-in tries from here. Wait ten minutes and try again."),
        )
    form = await request.form()
    if not security.csrf_ok(request, str(form.get("csrf_token", ""))):
        return _login_page(
            request, status=403, problem=_("The page had expired. Please sign in again.")
        )
    email = str(form.get("email", ""))[:254]
    password = str(form.get("password", ""))[:1000]
    settings = get_settings()
    if not email.strip() or not password:
        return _login_page(
            request, status=422, problem=_("Enter your email address and password."), email=email
        )

    def work(session: Session) -> signin.SignIn:
        return signin.sign_in(session, email=email, password=password)

    result = await run_in_threadpool(run_transaction, request.app.state.sessions, work)
    if result.outcome is Outcome.refused or result.token is None:
        return _login_page(
            request,
            status=401,
            email=email,
            problem=_(
                "The email address or password is not right. After %(tries)s wrong tries in a "
                "row the account is locked for %(minutes)s minutes.",
                tries=settings.sign_in_attempts,
                minutes=settings.sign_in_lock_minutes,
            ),
        )
    target = (
        "/staff/password"
        if result.outcome is Outcome.must_change_password
        else safe_next(str(form.get("next", "")))
    )
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, result.token)
    return response


@router.post("/staff/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    token = request.cookies.get(SESSION_COOKIE, "")

    def work(session: Session, who: SignedIn) -> Response:
        signin.sign_out(session, token)
        response = RedirectResponse("/staff/login?signed_out=1", status_code=303)
        clear_session_cookie(response)
        return response

    return await page(request, work, form=dict(form))


@router.get("/staff/password")
async def password_form(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return staff_page(request, "staff/password.html", who=who, title=_("Password"), errors=[])

    return await page(request, work)


@router.post("/staff/password")
async def change_password(request: Request) -> Response:
    form: dict[str, Any] = dict(await request.form())
    token = request.cookies.get(SESSION_COOKIE, "")

    def work(session: Session, who: SignedIn) -> Response:
        user = session.get(StaffUser, who.user_id)
        if user is None:
            return error(request, 404, _("There is no such user"))
        try:
            signin.change_password(
                session,
                user,
                current=str(form.get("current_password", ""))[:1000],
                new=str(form.get("password", ""))[:1001],
                keep_token=token,
            )
        except InvalidInput as exc:  # raised before anything is written
            return staff_page(
                request,
                "staff/password.html",
                status=422,
                who=who,
                title=_("Password"),
                errors=[FieldError(e.field, _(e.message)) for e in exc.errors],
            )
        return RedirectResponse("/staff?password_changed=1", status_code=303)

    return await page(request, work, form=form)
