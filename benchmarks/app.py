"""The real app plus one trivial endpoint: the baseline every intake figure is divided by."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from api.main import create_served_app


def create_bench_app() -> FastAPI:
    app = create_served_app()  # as `yousaid serve` runs it
    threads = int(os.environ.get("BENCH_THREADS", "0"))
    if threads:
        inner = app.router.lifespan_context

        @asynccontextmanager
        async def lifespan(a: FastAPI) -> AsyncIterator[None]:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
            async with inner(a):
                yield

        app.router.lifespan_context = lifespan

    # A plain sync handler, so it goes through the same thread pool as the intake route.
    @app.get("/bench/trivial")
    def trivial() -> dict[str, bool]:
        return {"ok": True}

    return app
