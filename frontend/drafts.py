"""The browser's hold on its form draft (a cookie per survey) and the checks every form post
shares: a friendly timed-out page without our token, and the honeypot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.types import Receive, Scope, Send

from frontend import security
from frontend.pages import (
    answers_saved,
    exit_url_of,
    gettext_for,
    is_child_survey,
    language_of,
    render,
    secure_cookies,
)
from frontend.security import draft_cookie as draft_cookie


def remember_draft(response: Response, survey: str, token: str) -> None:
    """The draft's token in a cookie for this survey's pages only: resume on the same phone."""
    response.set_cookie(
        draft_cookie(survey),
        token,
        max_age=7 * 86400,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(),
        path=f"/f/{survey}",
    )


def forget_draft(response: Response, survey: str) -> None:
    """This browser lets go of its draft (the draft itself is kept: nothing said is lost)."""
    response.delete_cookie(
        draft_cookie(survey),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(),
        path=f"/f/{survey}",
    )


def with_csrf(request: Request, response: HTMLResponse, cookie: str) -> HTMLResponse:
    if request.cookies.get(security.CSRF_COOKIE) != cookie:
        response.set_cookie(
            security.CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=secure_cookies()
        )
    return response


def refused(request: Request, survey: str, form: FormData) -> Response | None:
    """Every form post: a friendly timed-out page without our token; software that filled
    the honeypot is shown the thank-you page and nothing is stored."""
    if not security.csrf_ok(request, str(form.get("csrf") or "")):
        return expired(request, survey)
    if security.is_bot(str(form.get(security.HONEYPOT_FIELD) or "")):
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)
    return None


def expired(request: Request, survey: str) -> Response:
    """The timed-out page: it says the answers so far are saved only when this browser's
    draft holds some."""

    async def page() -> HTMLResponse:
        saved = await answers_saved(request, survey)
        child = is_child_survey(survey)
        _ = gettext_for(language_of(request), child=child)
        return render(
            request,
            "error.html",
            status=403,
            child=child,
            exit_url=exit_url_of(survey),
            survey_title=None,
            heading=_("This page has timed out"),
            message=_("Your answers so far are saved. Please try again.")
            if saved
            else _("Please start again."),
            restart_url=f"/f/{survey}",
        )

    return BuiltWhenSent(403, page)


class BuiltWhenSent(Response):
    """A page that must ask the database before it knows its words, returned where the
    caller cannot wait for it: refused() answers every form post and is called without
    `await` in each handler, and keeping it that way keeps those handlers as they are. The
    status is known now; the page is built, and sent, when the response is."""

    def __init__(self, status_code: int, build: Callable[[], Awaitable[Response]]) -> None:
        super().__init__(status_code=status_code)
        self.build = build

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await (await self.build())(scope, receive, send)
