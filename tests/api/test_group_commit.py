"""Group commit: concurrent small writes share transactions; each answers once stored."""

import asyncio
import threading
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from api.core.config import get_settings
from api.core.group_commit import GroupCommit
from api.models import InboundMessage, Job
from tests.live import live_server
from tests.twilio_fake import FakeTwilio, inbound_params, signed, twilio_env


class CountingFactory:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.opened = 0

    def __call__(self) -> Session:
        self.opened += 1
        return self.sessions()


@pytest.fixture
def committed(fresh_database):
    with fresh_database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"))
    return CountingFactory(sessionmaker(fresh_database.engine))


def insert(n: int):
    def work(session: Session) -> int:
        session.execute(text("INSERT INTO scratch (n) VALUES (:n)"), {"n": n})
        return n * 10

    return work


def test_many_writes_at_once_share_a_few_transactions_and_each_gets_its_answer(committed):
    group = GroupCommit(lambda: committed)

    async def all_at_once():
        return await asyncio.gather(*(group.run(insert(n)) for n in range(100)))

    assert asyncio.run(all_at_once()) == [n * 10 for n in range(100)]
    assert committed.opened < 20
    with committed.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM scratch")) == 100


def test_one_failing_write_fails_only_its_own_request(committed):
    group = GroupCommit(lambda: committed)

    def broken(session: Session) -> None:
        raise ValueError("bad write")

    async def mixed():
        return await asyncio.gather(
            group.run(insert(1)), group.run(broken), group.run(insert(2)), return_exceptions=True
        )

    first, failed, second = asyncio.run(mixed())
    assert (first, second) == (10, 20)
    assert isinstance(failed, ValueError)
    with committed.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM scratch")) == 2


def test_isolated_writes_that_fail_are_undone_alone_in_one_transaction(committed):
    group = GroupCommit(lambda: committed, isolate=True)

    def half_then_fails(session: Session) -> None:
        session.execute(text("INSERT INTO scratch (n) VALUES (999)"))
        raise ValueError("refused after writing")

    async def mixed():
        return await asyncio.gather(
            *(group.run(insert(n)) for n in range(20)),
            group.run(half_then_fails),
            *(group.run(insert(n)) for n in range(20, 40)),
            return_exceptions=True,
        )

    outcomes = asyncio.run(mixed())
    assert [o for o in outcomes if not isinstance(o, Exception)] == [n * 10 for n in range(40)]
    assert sum(isinstance(o, ValueError) for o in outcomes) == 1
    assert committed.opened < 10  # the failure did not split the batch into one each
    with committed.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM scratch")) == 40
        assert session.scalar(text("SELECT count(*) FROM scratch WHERE n = 999")) == 0


def checked_insert(n: int, *, refuse: bool = False, break_write: bool = False):
    def check(session: Session):
        if refuse:
            raise ValueError("refused by its check")

        def write(session: Session) -> int:
            session.execute(text("INSERT INTO scratch (n) VALUES (:n)"), {"n": n})
            if break_write:
                raise RuntimeError("the write broke")
            return n * 10

        return write

    return check


def test_checked_writes_refused_by_their_check_fail_alone_without_splitting_the_batch(committed):
    group = GroupCommit(lambda: committed)

    async def mixed():
        return await asyncio.gather(
            *(group.run_checked(checked_insert(n, refuse=n % 5 == 0)) for n in range(50)),
            return_exceptions=True,
        )

    outcomes = asyncio.run(mixed())
    assert [o for o in outcomes if isinstance(o, ValueError)] and committed.opened < 10
    stored = [n * 10 for n in range(50) if n % 5]
    assert [o for o in outcomes if not isinstance(o, Exception)] == stored
    with committed.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM scratch")) == 40


def test_a_checked_write_that_breaks_has_the_batch_retried_one_by_one(committed):
    group = GroupCommit(lambda: committed)

    async def mixed():
        return await asyncio.gather(
            *(group.run_checked(checked_insert(n, break_write=n == 7)) for n in range(20)),
            return_exceptions=True,
        )

    outcomes = asyncio.run(mixed())
    assert isinstance(outcomes[7], RuntimeError)
    assert [o for i, o in enumerate(outcomes) if i != 7] == [n * 10 for n in range(20) if n != 7]
    with committed.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM scratch")) == 19
        assert session.scalar(text("SELECT count(*) FROM scratch WHERE n = 7")) == 0


def test_two_hundred_texts_at_once_over_real_http_are_each_stored_once(
    fresh_database, use_database, monkeypatch
):
    use_database(fresh_database)
    twilio_env(monkeypatch, FakeTwilio(url="http://127.0.0.1:9"))
    path = "/sms/twilio/inbound"
    texts = [inbound_params(f"+447700900{n % 50:03d}", f"reply {n}") for n in range(200)]

    async def post_all(base: str) -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            responses = await asyncio.gather(
                *(client.post(path, data=p, headers=signed(path, p)) for p in texts + texts[:50])
            )
        return [r.status_code for r in responses]

    try:
        with live_server() as base:
            statuses = asyncio.run(post_all(base))
    finally:
        get_settings.cache_clear()
    assert statuses == [200] * 250
    with Session(fresh_database.engine) as session:
        assert session.scalar(select(func.count()).select_from(InboundMessage)) == 200
        assert session.scalar(select(func.count()).select_from(Job)) == 200


def test_a_batch_chosen_as_a_deadlocks_victim_is_run_again_not_failed(committed, fresh_database):
    """Two replicas' batches that lock two rows in opposite orders: PostgreSQL ends one of
    them; its writes run again, and both requests are answered with their results."""
    if fresh_database.backend != "postgresql":
        pytest.skip("SQLite has one writer at a time: it cannot deadlock")
    with committed.sessions() as session, session.begin():
        session.execute(text("INSERT INTO scratch (n) VALUES (1), (2)"))
    both_hold_one = threading.Barrier(2, timeout=10)
    runs: Counter[str] = Counter()

    def locks(first: int, second: int, name: str):
        def work(session: Session) -> str:
            runs[name] += 1
            session.execute(text("UPDATE scratch SET n = n WHERE n = :n"), {"n": first})
            if runs[name] == 1:
                both_hold_one.wait()  # the first time, each holds one row and wants the other
            session.execute(text("UPDATE scratch SET n = n WHERE n = :n"), {"n": second})
            return name

        return work

    answers: dict[str, object] = {}

    def replica(first: int, second: int, name: str) -> None:
        group = GroupCommit(lambda: committed, isolate=True)  # each its own server process
        try:
            answers[name] = asyncio.run(group.run(locks(first, second, name)))
        except Exception as exc:
            answers[name] = exc

    threads = [
        threading.Thread(target=replica, args=(1, 2, "a")),
        threading.Thread(target=replica, args=(2, 1, "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == {"a": "a", "b": "b"}
    assert sorted(runs.values()) == [1, 2]  # the deadlock's victim ran once more


def test_a_batch_runs_its_writes_in_the_order_of_what_they_lock(committed):
    """Every replica locks rows in one order, so two batches never wait on each other."""
    group = GroupCommit(lambda: committed, isolate=True)
    ran: list[str] = []

    def noting(key: str):
        def work(session: Session) -> str:
            ran.append(key)
            return key

        return work

    async def at_once():
        return await asyncio.gather(
            *(group.run(noting(k), order=k) for k in ("draft-c", "draft-a", "draft-b"))
        )

    assert asyncio.run(at_once()) == ["draft-c", "draft-a", "draft-b"]  # each its own answer
    assert ran == ["draft-a", "draft-b", "draft-c"]
