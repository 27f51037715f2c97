"""The app served by a real uvicorn on a free port, for tests that need real HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from api.main import create_app


@contextmanager
def live_server(app: Any = None, **options: Any) -> Iterator[str]:
    """Serve `app`, or create_app() (on the database the settings name), and yield its base
    URL; `options` are uvicorn's (those `yousaid serve` passes, say)."""
    server = uvicorn.Server(
        uvicorn.Config(
            app or create_app(), host="127.0.0.1", port=0, log_level="warning", **options
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
