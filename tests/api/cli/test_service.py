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
