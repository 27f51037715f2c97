"""Many clients at once over real HTTP: every acknowledged answer is stored, none twice."""

import asyncio

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.accounts import service as accounts
from api.models import Answer, Response
from api.models.enums import Role
from tests import factories
from tests.live import live_server

# More clients than the thread pool has threads (40), which once deadlocked SQLite.
CLIENTS = 60


@pytest.fixture
def served(fresh_database, use_database):
    use_database(fresh_database)
    with live_server() as base:
        yield base, fresh_database


def test_sixty_clients_at_once_each_store_exactly_one_response(served):
    base, database = served
    with Session(database.engine) as session, session.begin():
        factories.team(session, "front-door")
        user = accounts.create_user(session, email="load@council.example", role=Role.rights_team)
        token = accounts.create_token(session, user=user)
    body = {
        "survey": "parent-carer",
        "team": "front-door",
        "collection_point": "closure",
        "answers": factories.parent_answers(),
    }

    async def submit_twice(client: httpx.AsyncClient, n: int) -> list[int]:
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"client-{n}"}
        first, second = await asyncio.gather(
            client.post("/api/v1/responses", json=body, headers=headers),
            client.post("/api/v1/responses", json=body, headers=headers),
        )
        return sorted([first.status_code, second.status_code])

    async def run() -> list[list[int]]:
        limits = httpx.Limits(max_connections=2 * CLIENTS)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
            return await asyncio.gather(*(submit_twice(client, n) for n in range(CLIENTS)))

    statuses = asyncio.run(run())
    assert all(pair == [200, 201] for pair in statuses), statuses
    with Session(database.engine) as session:
        assert session.scalar(select(func.count(Response.id))) == CLIENTS
        assert session.scalar(select(func.count(Answer.id))) == CLIENTS * 10
