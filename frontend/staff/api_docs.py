"""The API docs (/docs, /redoc, /openapi.json) in production: off unless YOUSAID_API_DOCS is
true, and then only for a signed-in member of staff (decision 36).

The schema names every route, parameter and role check: a map for whoever probes the
service. Outside production FastAPI serves them openly, as developers expect.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.accounts import signin
from api.core.db import run_transaction
from frontend.staff.session import SESSION_COOKIE, sign_in_redirect

OPENAPI = "/openapi.json"


async def _is_staff(request: Request) -> bool:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return False
    who = await run_in_threadpool(
        run_transaction, request.app.state.sessions, lambda s: signin.signed_in(s, token)
    )
    return who is not None and not who.must_change_password


def install_for_staff(app: FastAPI) -> None:
    """The three docs routes, each asking for a staff sign-in first. The app must have been
    made with openapi_url, docs_url and redoc_url all None."""

    @app.get(OPENAPI, include_in_schema=False)
    async def openapi(request: Request) -> Response:
        if not await _is_staff(request):
            return JSONResponse({"detail": "Sign in as staff to read the API docs"}, 401)
        return JSONResponse(app.openapi(), headers={"Cache-Control": "no-store"})

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> Response:
        if not await _is_staff(request):
            return sign_in_redirect(request)
        page: HTMLResponse = get_swagger_ui_html(openapi_url=OPENAPI, title=f"{app.title} API")
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> Response:
        if not await _is_staff(request):
            return sign_in_redirect(request)
        page: HTMLResponse = get_redoc_html(openapi_url=OPENAPI, title=f"{app.title} API")
        return page
