import hashlib
import os

import pytest
import redis
from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.main import create_app
from frontend.security import FormPostLimits, RateLimiter, RedisRateLimiter
from tests.frontend.test_public import answer, begin

REDIS_URL = os.environ.get("YOUSAID_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def empty_redis():
    """Redis database 15, emptied before and after (its tests share the xdist group)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("YOUSAID_TEST_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def limited(client, monkeypatch):
    """A new app reading the given settings, on the test's database: make(setting=value)."""

    def make(**settings: object) -> TestClient:
        for name, value in settings.items():
            monkeypatch.setenv(f"YOUSAID_{name.upper()}", str(value))
        get_settings.cache_clear()
        app = create_app()
        app.state.sessions = client.app.state.sessions
        return TestClient(app, raise_server_exceptions=False)

    yield make
    get_settings.cache_clear()


def test_the_memory_limiter_allows_up_to_the_limit_per_client():
    limiter = RateLimiter(2, 60)
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    assert limiter.allow("b")


@pytest.mark.xdist_group("redis")  # both empty Redis database 15
def test_the_redis_limiter_shares_the_limit_and_stores_no_address(empty_redis):
    first, second = RedisRateLimiter(REDIS_URL, 2, 60), RedisRateLimiter(REDIS_URL, 2, 60)
    assert [first.allow("10.0.0.7"), second.allow("10.0.0.7"), first.allow("10.0.0.7")] == [
        True,
        True,
        False,
    ]
    keys = [k.decode() for k in empty_redis.keys("*")]
    assert keys and not any("10.0.0.7" in k for k in keys)


def test_when_redis_is_down_the_form_stays_open():
    assert RedisRateLimiter("redis://127.0.0.1:1/0", 1, 60).allow("x")
    assert RedisRateLimiter("redis://127.0.0.1:1/0", 1, 60).allow("x")


def test_a_draft_over_its_limit_does_not_spend_its_addresss_allowance():
    limits = FormPostLimits(per_draft=RateLimiter(2, 60), per_address=RateLimiter(3, 60))
    school = "10.0.0.7"
    hammering = [limits.allow(address=school, draft="one child") for _ in range(4)]
    assert hammering == [True, True, False, False]
    assert limits.allow(address=school, draft="another child")  # the third of three
    assert not limits.allow(address=school, draft="a third child")  # the ceiling holds
    assert not limits.allow(address=school, draft=None)  # with no cookie as well
    assert limits.allow(address="10.0.0.8", draft=None)  # another school


def test_the_defaults_let_thirty_children_walk_the_longest_form_twice():
    """The arithmetic in the settings and decision 34, kept true as forms grow."""
    from api.surveys import library

    settings = get_settings()
    longest = max(len(d.questions) for d in library.survey_library())
    walk = 1 + longest + 2  # Start, each answer, the help-now box, the carry-on choice
    assert settings.form_posts_per_draft_per_10_minutes >= 2 * walk * 2
    assert settings.form_posts_per_10_minutes >= 30 * walk * 2


def test_one_browser_hammering_its_draft_is_told_to_wait_and_that_its_answers_are_kept(client):
    """The default of 60 posts a draft in 10 minutes; the next gets the friendly page."""
    begin(client)  # Start has no draft yet: counted for the address alone
    codes = [answer(client, "young-person", 2, "5").status_code for _ in range(60)]
    assert set(codes) == {303}
    refused = answer(client, "young-person", 2, "4")
    assert refused.status_code == 429
    assert "Too many tries" in refused.text
    assert "Your answers so far are saved. Please wait a few minutes and try again." in (
        refused.text
    )
    assert 'href="/f/young-person/exit"' in refused.text  # a child's form: Exit stays
    assert 'href="/f/young-person/2?lang=cy"' in refused.text  # and Cymraeg, to the page


def test_another_child_on_the_same_address_carries_on_while_one_is_refused(limited):
    browser = limited(form_posts_per_draft_per_10_minutes=3)
    begin(browser)
    assert [answer(browser, "young-person", 1, "no").status_code for _ in range(4)][-1] == 429
    browser.cookies.clear()  # the next child's phone on the school's network
    begin(browser)
    assert answer(browser, "young-person", 1, "no").status_code == 303


def test_the_ceiling_per_address_stops_a_flood_that_invents_a_cookie_a_post(limited):
    flood = limited(form_posts_per_10_minutes=5)
    codes = [
        flood.post(
            "/f/young-person/2",
            data={"answer": "5"},
            headers={"cookie": f"ys_form_young_person=invented-{n}"},
        ).status_code
        for n in range(6)
    ]
    assert codes == [403] * 5 + [429]
    last = flood.post("/f/young-person/2", headers={"cookie": "ys_form_young_person=made-up"})
    assert "Please wait a few minutes and try again." in last.text
    assert "saved" not in last.text  # nothing was: the page must not say so


@pytest.mark.xdist_group("redis")  # both empty Redis database 15
def test_with_redis_every_replica_counts_the_same_draft(limited, empty_redis):
    first = limited(form_posts_per_draft_per_10_minutes=3, redis_url=REDIS_URL)
    second = limited(form_posts_per_draft_per_10_minutes=3, redis_url=REDIS_URL)
    begin(first)
    second.cookies = first.cookies  # one phone, its pages served by either replica
    codes = [
        answer(replica, "young-person", 1, "no").status_code
        for replica in (first, second, first, second)
    ]
    assert codes == [303, 303, 303, 429]
    token = first.cookies.get("ys_form_young_person")
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    keys = " ".join(k.decode() for k in empty_redis.keys("*"))
    assert "form-draft-posts" in keys and "form-posts" in keys
    assert token not in keys and digest not in keys and "testclient" not in keys
