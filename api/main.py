"""create_app(): the API, the channels and the frontend in one ASGI app."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.actions.routes import router as actions_router
from api.alerts.routes import router as alerts_router
from api.concerns.routes import router as concerns_router
from api.core import health, http_errors
from api.core.body_limit import BodySizeLimit
from api.core.config import get_settings
from api.core.db import get_session_factory
from api.core.group_commit import GroupCommit
from api.core.header_limit import HeaderLimit
from api.core.security_headers import SecurityHeaders
from api.digests.routes import router as digests_router
from api.episodes.routes import router as episodes_router
from api.forums.routes import router as forums_router
from api.invitations.routes import router as invitations_router
from api.qr.routes import router as qr_router
from api.reports.routes import router as reports_router
from api.responses.routes import router as responses_router
from api.reviews.routes import router as reviews_router
from api.surveys.routes import router as reference_router
from channels.notify.routes import router as notify_router
from channels.sms.routes import router as twilio_router
from frontend import invitation_links, notices, outage, outcomes, pages, resume, sms_simulator
from frontend import public as public_forms
from frontend import safety as safety_pages
from frontend import who_reads as who_reads_pages
from frontend.home import router as home_router
from frontend.staff import api_docs
from frontend.staff.routes import router as staff_router

STATIC = Path(__file__).resolve().parent.parent / "frontend" / "static"


def create_app() -> FastAPI:
    settings = get_settings()
    docs_open = settings.shows_api_docs and settings.environment != "production"
    app = FastAPI(
        title="YouSaid",
        version="0.1.0",
        summary="Feedback from children, families and partners to children's services.",
        # Outside production the docs are open, as developers expect; in production they are
        # off, or for signed-in staff only (frontend/staff/api_docs.py, decision 36).
        openapi_url="/openapi.json" if docs_open else None,
        docs_url="/docs" if docs_open else None,
        redoc_url=None,
        # Asking for the global tracer and meter providers on every request costs more than a
        # webhook's own work; councils that collect telemetry turn it on.
        telemetry={
            "tracing": settings.opentelemetry,
            "metrics": settings.opentelemetry,
            "logs": settings.opentelemetry,
        },
    )
    http_errors.install(app, html_outage=outage.page)
    # A function, so the engine is made on first use, after settings are final.
    app.state.sessions = lambda: get_session_factory()()
    # Webhooks' small writes share transactions under load (api/core/group_commit.py).
    app.state.group_commit = GroupCommit(lambda: app.state.sessions)
    # Responses through the API share them too: checked first, then written (decision 24).
    app.state.intake_commit = GroupCommit(lambda: app.state.sessions)
    # The public form's pages too, each in a savepoint: their work is not split in two.
    app.state.forms_commit = GroupCommit(lambda: app.state.sessions, isolate=True)
    # Included straight into the app, not through a /api/v1 router: each level of nesting
    # costs FastAPI a route-matching pass on every request.
    # The public pages first: they are what the public loads, and matching is in order.
    for public in (
        public_forms.router,
        who_reads_pages.router,
        safety_pages.router,
        invitation_links.router,
        resume.router,
        twilio_router,
        notify_router,
        outcomes.router,
        notices.router,
        sms_simulator.router,
        pages.router,
    ):
        app.include_router(public)
    for router in (
        reference_router,
        responses_router,
        reports_router,
        alerts_router,
        concerns_router,
        reviews_router,
        qr_router,
        actions_router,
        invitations_router,
        forums_router,
        digests_router,
        episodes_router,
    ):
        app.include_router(router, prefix="/api/v1")
    app.include_router(home_router)
    app.include_router(staff_router)

    app.include_router(health.router)
    if settings.shows_api_docs and settings.environment == "production":
        api_docs.install_for_staff(app)

    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    # After the size limit, so its 413 reaches the public pages as a friendly page too.
    pages.install(app)
    # Outermost: a request with a flood of headers is refused before anything reads them, and
    # every answer (a 413 and a 431 included) carries the security headers (decision 37).
    app.add_middleware(HeaderLimit)
    app.add_middleware(
        SecurityHeaders, https=settings.public_base_url.lower().startswith("https://")
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def create_served_app() -> FastAPI:
    """The app as `yousaid serve` runs it: create_app(), then everything alive after start-up
    moved out of the garbage collector's sight (gc.freeze). Those tens of thousands of
    long-lived objects (routes, models, templates, the survey library) were scanned again at
    every full collection, and those pauses were the slowest 1% of requests (decision 16)."""
    app = create_app()
    gc.collect()
    gc.freeze()
    return app
