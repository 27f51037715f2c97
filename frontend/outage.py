"""A page, not JSON, when the database is down and a person (not a program) asked.

The API, the webhooks and the health checks keep their JSON 503 (a program reads them). The
form pages already turn any error into their own friendly page, saying whether answers are
saved (frontend/pages.py); every other page a person opens gets one here.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from api.core.http_errors import RETRY_AFTER_SECONDS
from frontend.pages import error_page, is_public_page
from frontend.staff.render import staff_page

FOR_PROGRAMS = ("/api/", "/sms/twilio/", "/healthz", "/livez", "/openapi.json")
STAFF_MESSAGE = (
    "YouSaid cannot reach its database just now, so this page cannot be shown and nothing "
    "you just did was saved. Please try again in a few minutes. If it goes on, tell your IT "
    "service desk."
)


async def page(request: Request) -> Response | None:
    """The outage page for this path, or None to leave the answer as JSON."""
    path = request.url.path
    if path.startswith(FOR_PROGRAMS) or is_public_page(path):
        return None
    if path.startswith("/staff"):
        response: Response = staff_page(
            request,
            "staff/error.html",
            status=503,
            who=None,
            heading="YouSaid is not available just now",
            message=STAFF_MESSAGE,
        )
    else:
        response = error_page(request, 503)
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response
