"""One place that turns errors into HTTP answers: expected outcomes are 4xx; a 500 is a bug."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.errors import DomainError

log = logging.getLogger("yousaid")
RETRY_AFTER_SECONDS = "5"
# A page for a person (not the API) when the database is down: set by install().
OutagePage = Callable[[Request], Awaitable[Response | None]]


def _body(message: str, errors: list[dict[str, str]] | None = None) -> dict[str, object]:
    return {"detail": message, "errors": errors or []}


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    errors = [{"field": e.field, "message": e.message} for e in exc.errors]
    headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
    return JSONResponse(_body(exc.message, errors), status_code=exc.status_code, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for error in exc.errors():
        # Drop the "body"/"query" prefix so fields read as the client named them.
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in ("body", "query", "header", "path"):
            location = location[1:]
        errors.append({"field": ".".join(location) or "body", "message": str(error.get("msg"))})
    return JSONResponse(_body("Some of what was sent is not valid", errors), status_code=422)


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    # Nothing was committed: the request's transaction rolled back with the failure.
    log.warning("database unavailable: %s", exc)
    outage: OutagePage | None = getattr(request.app.state, "outage_page", None)
    page = await outage(request) if outage is not None else None
    if page is not None:
        return page
    return JSONResponse(
        _body("The service is busy or the database is unavailable; please try again shortly"),
        status_code=503,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


# The database's own limits are the last boundary, one rule for text and one for numbers and
# dates, whichever route the value came by: PostgreSQL refuses what does not fit its column
# (SQLSTATE class 22, "data exception"); SQLite's driver refuses an integer beyond 64 bits.
# NUL, the one character PostgreSQL cannot hold, never gets this far (api/core/db.py).
OUT_OF_RANGE = "A number or date sent is outside what can be kept (too large, or too far away)"
TOO_LONG = "Some text sent is longer than can be kept; please shorten it"
UNREADABLE = "Some text sent has characters that cannot be kept; please type it again"
NOT_THAT_KIND = "A value sent is not the kind expected (a word where a number belongs, say)"
_TEXT_STATES = {
    "22001": TOO_LONG,  # string_data_right_truncation: longer than its column
    "22021": UNREADABLE,  # character_not_in_repertoire
    "22P05": UNREADABLE,  # untranslatable_character
    "22P02": NOT_THAT_KIND,  # invalid_text_representation: 'abc' for an integer or a uuid
}


def refusal(exc: BaseException) -> str:
    """What to tell the person whose value the database refused: text or a number/date."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return _TEXT_STATES.get(sqlstate or "", OUT_OF_RANGE)


async def _out_of_range(_request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the request carried (an id of 2**63, year 1, a name too
    # long): the input was wrong, not the service; the transaction rolled back, so nothing
    # was half-written.
    log.info("value refused by the database: %s", exc)
    return JSONResponse(_body(refusal(exc)), status_code=422)


async def _database_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated or isinstance(exc, OperationalError):
        return await _database_unavailable(request, exc)
    if isinstance(exc, DataError):  # PostgreSQL: "integer out of range", "value too long"
        return await _out_of_range(request, exc)
    return await _unexpected(request, exc)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse(_body(str(exc.detail)), status_code=exc.status_code, headers=exc.headers)


UNEXPECTED = "Something went wrong on our side; it has been logged"


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return JSONResponse(_body(UNEXPECTED), 500)


class AnswerBugs:
    """A bug's 500 is answered here and the exception ends here, inside the app.

    Starlette answers an unhandled exception with the app's 500 and then raises it again to
    the server, and uvicorn closes a connection whose app raised: the visitor's next request
    on that keep-alive connection was reset (h11) or had to reconnect (httptools). Answered
    here, the server sees a request that ended normally. Inside the other middleware, so a
    public page's 500 still becomes the friendly page. A response already under way when the
    bug struck cannot be taken back: that one is raised on, and the server closes the
    connection, which is the only way to tell the client the body is cut short."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            answer = await _unexpected(Request(scope), exc)
            await answer(scope, receive, send)


def install(app: FastAPI, *, html_outage: OutagePage | None = None) -> None:
    """The handlers; `html_outage` answers a person's page (not the API) when the database
    is down, or returns None to leave it to the JSON answer."""
    app.state.outage_page = html_outage
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # SQLite's driver refuses an integer beyond 64 bits before the database sees it.
    app.add_exception_handler(OverflowError, _out_of_range)
    # For a bug in the middleware outside AnswerBugs (Starlette's last resort).
    app.add_exception_handler(Exception, _unexpected)
    # Added first, so it sits innermost of the app's middleware (see AnswerBugs).
    app.add_middleware(AnswerBugs)
