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


def test_good_bad_and_unauthorised_submissions_at_once_each_get_their_own_answer(served):
    """Submissions share transactions under load (decision 24): a refused one must not spoil,
    or be stored with, the others."""
    base, database = served
    with Session(database.engine) as session, session.begin():
        factories.team(session, "front-door")
        user = accounts.create_user(session, email="mix@council.example", role=Role.rights_team)
        token = accounts.create_token(session, user=user)
    good = {"survey": "parent-carer", "team": "front-door", "answers": factories.parent_answers()}
    bad = good | {"answers": factories.parent_answers(listened_to=9)}
    unknown_team = good | {"team": "nowhere"}

    async def send(client: httpx.AsyncClient, n: int) -> int:
        kind = n % 4
        body = [good, bad, unknown_team, good][kind]
        headers = {"Idempotency-Key": f"mix-{n}"}
        if kind != 3:
            headers["Authorization"] = f"Bearer {token}"
        response = await client.post("/api/v1/responses", json=body, headers=headers)
        return response.status_code

    async def run() -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            return await asyncio.gather(*(send(client, n) for n in range(120)))

    statuses = asyncio.run(run())
    expected = [[201, 422, 422, 401][n % 4] for n in range(120)]
    assert statuses == expected
    with Session(database.engine) as session:
        assert session.scalar(select(func.count(Response.id))) == 30
        assert session.scalar(select(func.count(Answer.id))) == 300
