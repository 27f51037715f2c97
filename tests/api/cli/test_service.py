"""`yousaid serve` as a newcomer starts it: every link it makes opens where it listens."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from api.core.config import Settings, get_settings, link_host


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def no_public_address(monkeypatch):
    monkeypatch.delenv("YOUSAID_PUBLIC_BASE_URL", raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_links_follow_yousaid_port_alone(no_public_address):
    """QR codes and posters, invitation texts and alert emails, from one setting."""
    from api.alerts.notify import alert_url
    from api.invitations.links import link_url
    from api.qr.routes import short_url

    no_public_address.setenv("YOUSAID_PORT", "8101")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.public_base_url == "http://127.0.0.1:8101"
    assert short_url("abc") == "http://127.0.0.1:8101/q/abc"
    assert link_url(SimpleNamespace(public_id="inv-1")).startswith("http://127.0.0.1:8101/i/")  # type: ignore[arg-type]
    alert = SimpleNamespace(public_id="al-1")
    assert alert_url(settings, alert) == "http://127.0.0.1:8101/staff/alerts/al-1"  # type: ignore[arg-type]


def test_serve_on_another_port_makes_links_open_there(no_public_address):
    from api.cli.service import links_open_here

    assert links_open_here("127.0.0.1", 8123).public_base_url == "http://127.0.0.1:8123"
    no_public_address.setenv("YOUSAID_PUBLIC_BASE_URL", "https://feedback.example.gov.uk")
    get_settings.cache_clear()
    assert links_open_here("0.0.0.0", 8000).public_base_url == "https://feedback.example.gov.uk"


def test_listening_everywhere_links_to_an_address_a_phone_can_open():
    host = link_host("0.0.0.0")
    assert host not in ("0.0.0.0", "")
    socket.inet_aton(host)  # a real IPv4 address: this machine's, or 127.0.0.1 offline
    assert link_host("::1") == "[::1]"


def test_production_refuses_to_start_without_its_public_address():
    with pytest.raises(ValueError, match="YOUSAID_PUBLIC_BASE_URL must be set in production"):
        Settings(
            environment="production",
            secret_key="s" * 40,
            duty_emails="duty@council.gov.uk",
            encryption_keys="k",
            public_base_url="",
        )


def test_serve_prints_the_address_it_listens_on(tmp_path: Path):
    """As `make run` does with only YOUSAID_PORT set: the banner and the server agree."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("YOUSAID_")}
    env |= {
        "YOUSAID_PORT": str(port),
        "YOUSAID_DATABASE_URL": f"sqlite:///{tmp_path / 'yousaid.db'}",
        "YOUSAID_OUTBOX_DIR": str(tmp_path / "outbox"),
    }
    cli = [sys.executable, "-c", "from api.cli import app; app()"]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    with subprocess.Popen(
        [*cli, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as server:
        try:
            assert server.stdout is not None
            banner = ""
            deadline = time.monotonic() + 60
            while "starting at" not in banner and time.monotonic() < deadline:
                banner += server.stdout.readline()
            assert f"YouSaid is starting at http://127.0.0.1:{port}/" in banner
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).is_success:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            else:
                pytest.fail("yousaid serve did not answer on the port it printed")
        finally:
            server.terminate()
            server.communicate(timeout=30)


def uvicorn_options_of_serve(monkeypatch) -> dict[str, object]:
    """What `yousaid serve` hands uvicorn (the server is not started)."""
    import uvicorn

    from api.cli import service

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setenv("YOUSAID_WORKER_IN_PROCESS", "false")
    port = _free_port()
    # serve writes its host and port into the environment; these put them back afterwards.
    monkeypatch.setenv("YOUSAID_HOST", "127.0.0.1")
    monkeypatch.setenv("YOUSAID_PORT", str(port))
    get_settings.cache_clear()
    service.serve(host="127.0.0.1", port=port)
    get_settings.cache_clear()
    return seen


def test_serve_believes_x_forwarded_for_only_from_the_trusted_proxies(no_public_address):
    assert uvicorn_options_of_serve(no_public_address)["forwarded_allow_ips"] == "127.0.0.1"
    no_public_address.setenv("YOUSAID_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.4")
    options = uvicorn_options_of_serve(no_public_address)
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == "10.0.0.0/8, 192.168.1.4"


def test_a_typo_in_the_trusted_proxies_stops_the_service_starting():
    with pytest.raises(ValueError, match=r"'10\.0\.0\.0/33' is not an address or CIDR"):
        Settings(trusted_proxies="10.0.0.0/33")
    assert Settings(trusted_proxies="*").trusted_proxies == "*"


def _rate_limited_through_a_proxy(monkeypatch, tmp_path: Path, trusted: str) -> list[int]:
    """Three form posts from 127.0.0.1, each naming another visitor in X-Forwarded-For,
    through the server `yousaid serve` would start, with two posts allowed an address."""
    from tests.live import live_server

    monkeypatch.setenv("YOUSAID_DATABASE_URL", f"sqlite:///{tmp_path / 'yousaid.db'}")
    monkeypatch.setenv("YOUSAID_FORM_POSTS_PER_10_MINUTES", "2")
    monkeypatch.setenv("YOUSAID_TRUSTED_PROXIES", trusted)
    options = uvicorn_options_of_serve(monkeypatch)
    with live_server(
        proxy_headers=options["proxy_headers"], forwarded_allow_ips=options["forwarded_allow_ips"]
    ) as base:
        codes = [
            httpx.post(
                f"{base}/f/young-person/start",
                headers={"x-forwarded-for": f"203.0.113.{n}"},
                timeout=10,
            ).status_code
            for n in range(3)
        ]
    get_settings.cache_clear()
    return codes


def test_behind_a_trusted_proxy_each_visitor_is_counted_as_themselves(monkeypatch, tmp_path):
    # 403: the posts carry no form token, so each gets the timed-out page, not a 429.
    assert _rate_limited_through_a_proxy(monkeypatch, tmp_path, "127.0.0.1") == [403] * 3


def test_x_forwarded_for_from_a_peer_not_trusted_is_ignored(monkeypatch, tmp_path):
    # The peer (127.0.0.1) is not the trusted proxy: all three are its posts, the third too many.
    assert _rate_limited_through_a_proxy(monkeypatch, tmp_path, "10.0.0.1") == [403, 403, 429]
