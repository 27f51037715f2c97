import os

import pytest
import redis

from frontend.security import RateLimiter, RedisRateLimiter


def test_the_memory_limiter_allows_up_to_the_limit_per_client():
    limiter = RateLimiter(2, 60)
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    assert limiter.allow("b")


@pytest.mark.xdist_group("redis")  # both empty Redis database 15
def test_the_redis_limiter_shares_the_limit_and_stores_no_address():
    url = os.environ.get("YOUSAID_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("YOUSAID_TEST_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {url}: {exc}")
        pytest.skip(f"Redis is not reachable at {url}")
    client.flushdb()
    first, second = RedisRateLimiter(url, 2, 60), RedisRateLimiter(url, 2, 60)
    assert [first.allow("10.0.0.7"), second.allow("10.0.0.7"), first.allow("10.0.0.7")] == [
        True,
        True,
        False,
    ]
    keys = [k.decode() for k in client.keys("*")]
    assert keys and not any("10.0.0.7" in k for k in keys)
    client.flushdb()


def test_when_redis_is_down_the_form_stays_open():
    assert RedisRateLimiter("redis://127.0.0.1:1/0", 1, 60).allow("x")
    assert RedisRateLimiter("redis://127.0.0.1:1/0", 1, 60).allow("x")
