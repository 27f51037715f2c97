"""/livez and /healthz: is the process alive, and can it reach its database.

A load balancer or orchestrator restarts what fails /livez and stops sending requests to what
fails /healthz. Only /healthz touches the database (one `SELECT 1`), so a database outage takes
replicas out of rotation without having them all restarted.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from api.core.db import SessionFactory, run_transaction

log = logging.getLogger("yousaid")
router = APIRouter(include_in_schema=False)


@router.get("/livez")
async def livez() -> dict[str, str]:
    """The process answers: no database, no thread, nothing to wait for."""
    return {"status": "ok"}


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    """200 when the database answers; 503 with a short body when it does not."""
    sessions: SessionFactory = request.app.state.sessions
    try:
        await run_in_threadpool(run_transaction, sessions, lambda s: s.execute(text("SELECT 1")))
    except (SQLAlchemyError, OSError) as exc:
        log.warning("health check: database unavailable: %s", exc)
        return JSONResponse(
            {"status": "unavailable", "database": "unreachable"},
            status_code=503,
            headers={"Retry-After": "5", "Cache-Control": "no-store"},
        )
    return JSONResponse({"status": "ok", "database": "ok"}, headers={"Cache-Control": "no-store"})
