"""Many people answering the web form at once (their pages share transactions, each in a
savepoint, decision 24): every finished form is stored once, and a bad answer on one page
is shown back to that person alone. They all come from 127.0.0.1, as a classroom comes from
its school's one address: the default rate limits let all of them through (decision 34)."""

from __future__ import annotations

import asyncio
import html
import re

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import Response
from tests import factories
from tests.live import live_server

PEOPLE = 30


@pytest.fixture
def served(fresh_database, use_database):
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "front-door")
    with live_server() as base:
        yield base, fresh_database


async def submit(client: httpx.AsyncClient, page: httpx.Response, value: str | None):
    assert "<form" in page.text, (page.status_code, page.url, page.text[:500])
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    data = {"csrf": token} | ({"answer": value} if value is not None else {})
    sent = await client.post(action, data=data, follow_redirects=True)
    assert sent.status_code != 429, "a classroom on one address must not be told to wait"
    return sent


async def person(base: str, n: int) -> tuple[bool, bool]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        page = await submit(client, await client.get("/f/young-person?team=front-door"), None)
        shown_back = False
        for _ in range(20):  # nine questions, three choices of who reads, a face shown back
            if page.url.path.endswith("/thanks"):
                return True, shown_back
            if "<textarea" in page.text:
                page = await submit(client, page, f"Person {n} says thank you")
            elif n % 3 == 0 and not shown_back:
                page = await submit(client, page, "seven")  # not one of the faces
                shown_back = page.status_code == 400 and "Choose one answer" in page.text
            elif 'value="no"' in page.text:  # the safety question: "No"
                page = await submit(client, page, "no")
            else:
                page = await submit(client, page, "5")
        return False, shown_back


def test_thirty_children_on_one_address_at_once_each_finish_once(served):
    base, database = served

    async def everyone():
        return await asyncio.gather(*(person(base, n) for n in range(PEOPLE)))

    outcomes = asyncio.run(everyone())
    assert all(finished for finished, _ in outcomes)
    assert all(shown for n, (_, shown) in enumerate(outcomes) if n % 3 == 0)
    with Session(database.engine) as session:
        assert session.scalar(select(func.count(Response.id))) == PEOPLE
