"""Too many request headers, or too many bytes of them: 431 before anything reads them.

uvicorn's parsers already stop a request whose head grows without end (h11 at
`h11_max_incomplete_event_size`, which `yousaid serve` sets; httptools at llhttp's own
80 KiB), but within that a client could still send thousands of small headers that every
dependency, cookie parser and log line then walks. A browser sends about 15; proxies add a
few more.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_HEADERS = 100
MAX_HEADER_BYTES = 16 * 1024  # h11's default, and what `yousaid serve` gives uvicorn


class HeaderLimit:
    def __init__(
        self, app: ASGIApp, *, max_headers: int = MAX_HEADERS, max_bytes: int = MAX_HEADER_BYTES
    ) -> None:
        self.app = app
        self.max_headers = max_headers
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope.get("headers", [])
            size = sum(len(name) + len(value) + 4 for name, value in headers)
            if len(headers) > self.max_headers or size > self.max_bytes:
                await _refuse(send)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send) -> None:
    body = json.dumps(
        {"detail": "The request's headers are too many or too large", "errors": []}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 431,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
