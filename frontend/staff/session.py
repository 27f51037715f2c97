"""The staff side's request handling: who is signed in, CSRF on every form, and one trip to
the thread pool per page (as the API does, decision 1).

A page's work runs as `work(session, who)` inside one transaction. Not signed in: a redirect
to the sign-in page that comes back here. A form without this session's CSRF token: 403. A
role that may not use the page: 403. The scope in `who` is the same `Scope` the API uses,
so every query a page makes is filtered by the same `team_filter`.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.accounts import signin
from api.accounts.signin import SignedIn
from api.concerns import service as concerns
from api.core.db import run_transaction
from api.core.errors import DomainError, Forbidden
from api.core.http_errors import refusal
from api.models.enums import Role
from frontend.pages import secure_cookies
from frontend.staff import api_messages, labels, language
from frontend.staff.language import _
from frontend.staff.render import staff_page

SESSION_COOKIE = "ys_staff"
UNTIL_PASSWORD_CHANGED = frozenset({"/staff/password", "/staff/logout"})
ANY_ROLE = frozenset(Role)
PageWork = Callable[[Session, SignedIn], Response]


class NotSignedIn(Exception):
    pass


class BadCsrf(Exception):
    pass


def set_session_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",  # links from digest emails still arrive signed in; forms carry CSRF
        secure=secure_cookies(),
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", secure=secure_cookies(), httponly=True)


def sign_in_redirect(request: Request) -> RedirectResponse:
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/staff/login?next={quote(back, safe='')}", status_code=303)


async def page(
    request: Request,
    work: PageWork,
    *,
    roles: frozenset[Role] = ANY_ROLE,
    form: Mapping[str, Any] | None = None,
) -> Response:
    """Run a staff page's work for whoever is signed in; `form` (a POST) must carry the CSRF
    token. Errors the domain raises become pages, never a 500."""
    language.use(language.before_sign_in(request))
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return sign_in_redirect(request)

    def authenticated(session: Session) -> Response:
        who = signin.signed_in(session, token)
        if who is None:
            raise NotSignedIn
        # The page, its Python-built words included, in the language this person chose.
        language.use(who.language or language.before_sign_in(request))
        # Kept for an error page, so it keeps the navigation and who is signed in (the
        # transaction that found them is rolled back by then).
        request.state.who = who
        # Until a reset password is replaced, only that page (and signing out) are open.
        if who.must_change_password and request.url.path not in UNTIL_PASSWORD_CHANGED:
            return RedirectResponse("/staff/password", status_code=303)
        if form is not None:
            sent = str(form.get("csrf_token", ""))
            if not hmac.compare_digest(sent.encode(), who.csrf_token.encode()):
                raise BadCsrf
        if who.scope.role not in roles:
            role = _(labels.ROLES.get(who.scope.role.value, who.scope.role.value))
            raise Forbidden(_("A %(role)s cannot use this page", role=role))
        if who.scope.role in concerns.READERS:
            # The navigation says how many possible concerns wait to be read (no words).
            request.state.concerns_open = concerns.counts(session, who.scope)["open"]
        return work(session, who)

    began = time.perf_counter()
    try:
        response = await run_in_threadpool(
            run_transaction, request.app.state.sessions, authenticated
        )
        # The page's own time (queries, charts, template), for the browser's dev tools and
        # for benchmarks/overview.py: what the server spent, without the network.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - began) * 1000:.1f}"
        return response
    except NotSignedIn:
        response = sign_in_redirect(request)
        clear_session_cookie(response)
        return response
    except BadCsrf:
        return error(
            request, 403, _("This form has expired. Go back, reload the page and try again.")
        )
    except DomainError as exc:
        return error(request, exc.status_code, exc.message)
    except (DataError, OverflowError) as exc:  # a value the database cannot keep
        return error(request, 422, refusal(exc))


def error(request: Request, status: int, message: str) -> HTMLResponse:
    """A staff page's problem as a page with the staff navigation, when we know who asked."""
    who: SignedIn | None = getattr(request.state, "who", None)
    # Outside the page's thread (a bad form, a domain error), so the language is set again.
    language.use((who.language if who else None) or language.before_sign_in(request))
    headings = {
        403: _("You cannot see this"),
        404: _("Not found"),
        409: _("That has changed"),
        413: _("Too much at once"),
        422: _("Check what you entered"),
    }
    return staff_page(
        request,
        "staff/error.html",
        status=status,
        who=who,
        heading=headings.get(status, _("Something went wrong")),
        # Said by the page in the reader's language, or by a service in English (mapped).
        message=api_messages.say(message),
    )
