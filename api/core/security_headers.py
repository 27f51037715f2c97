"""The headers every answer carries unless its page set its own (decision 37).

The public and staff pages already send their own Content-Security-Policy and friends
(frontend/pages.py, frontend/staff/render.py); this is the floor under everything else: the
privacy notice, the help page, the simulator, error pages, JSON, files. Nothing a page sets
is replaced, so the digest archive keeps its own policy (inline styles, framed by itself).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The templates load scripts and styles only from /static (no inline script, no style
# attribute, no CDN), so a page needs nothing more than 'self'.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# JSON, CSS, scripts, pictures: nothing in them may load anything or be framed.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"
# FastAPI's API docs page loads Swagger UI from a CDN with an inline script: only framing is
# refused there (the docs are off in production unless asked for, and then for staff only).
DOCS_CSP = "frame-ancestors 'none'"
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
# A year; browsers honour it only over https, and we send it only when the public address is.
HSTS = b"max-age=31536000"


class SecurityHeaders:
    """Plain ASGI (no BaseHTTPMiddleware): every request passes through, so it adds a few
    headers to the start message and nothing else."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"] in DOCS_PATHS

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": self._headers(message, docs=docs)}
            await send(message)

        await self.app(scope, receive, sending)

    def _headers(self, message: Message, *, docs: bool) -> list[tuple[bytes, bytes]]:
        headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
        present = {name.lower() for name, _ in headers}
        content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
        if docs:
            csp = DOCS_CSP
        elif content_type.startswith(b"text/html"):
            csp = PAGE_CSP
        else:
            csp = DATA_CSP
        wanted = [
            (b"content-security-policy", csp.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]
        if self.https:
            wanted.append((b"strict-transport-security", HSTS))
        return headers + [(name, value) for name, value in wanted if name not in present]
