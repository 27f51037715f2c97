"""docker-compose.yml passes every setting production needs, and production accepts them.

`docker compose config` checks the file as Docker reads it, where the compose plugin is
installed; the YAML check below runs everywhere and names what is missing.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from api.core.config import Settings, get_settings
from api.core.production import REQUIRED

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"
YOUSAID_SERVICES = ("migrate", "web", "worker")
_VARIABLE = re.compile(r"\$\{(\w+)(?::?([?-])([^}]*))?\}")


def generated_values() -> dict[str, str]:
    """What an operator fills in, made as the compose file's comments say."""
    return {
        "YOUSAID_SECRET_KEY": secrets.token_hex(32),
        "YOUSAID_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "YOUSAID_PUBLIC_BASE_URL": "https://feedback.council.gov.uk",
        "YOUSAID_COUNCIL_NAME": "Test Council",
        "YOUSAID_DUTY_EMAILS": "duty@council.gov.uk",
        "YOUSAID_COUNCIL_PHONE": "01234 567890",
        "YOUSAID_FRONT_DOOR_PHONE": "01234 567891",
        "YOUSAID_OUT_OF_HOURS_PHONE": "01234 567892",
    }


def service_environments() -> dict[str, dict[str, str]]:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    return {name: dict(services[name]["environment"]) for name in YOUSAID_SERVICES}


def interpolated(value: str, given: dict[str, str]) -> str:
    """${X:?message} must be given; ${X:-default} falls back: as Compose does it."""

    def one(match: re.Match[str]) -> str:
        name, kind, rest = match.groups()
        if name in given:
            return given[name]
        if kind == "?":
            raise AssertionError(f"{name} is required and was not given: {rest}")
        return rest or ""

    return _VARIABLE.sub(one, str(value))


def test_every_service_running_yousaid_passes_every_setting_production_requires():
    for name, environment in service_environments().items():
        missing = [setting for setting in REQUIRED if setting not in environment]
        assert missing == [], f"{name} does not pass {missing}"
        assert environment["YOUSAID_ENVIRONMENT"] == "production"


def test_each_required_setting_must_be_given_and_says_how():
    environment = service_environments()["web"]
    for setting in REQUIRED:
        match = _VARIABLE.fullmatch(str(environment[setting]))
        assert match is not None and match.group(2) == "?", f"{setting} has a default"
    text = COMPOSE.read_text()
    assert "openssl rand -hex 32" in text
    assert "Fernet.generate_key()" in text


def test_production_accepts_the_compose_files_settings(monkeypatch, tmp_path):
    given = generated_values()
    environment = {
        key: interpolated(value, given) for key, value in service_environments()["web"].items()
    }
    for key in [k for k in os.environ if k.startswith("YOUSAID_")]:
        monkeypatch.delenv(key)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    # The compose network's PostgreSQL is not here: the app starts on a file of its own.
    monkeypatch.setenv("YOUSAID_DATABASE_URL", f"sqlite:///{tmp_path / 'compose.db'}")
    get_settings.cache_clear()
    try:
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        assert settings.environment == "production"
        from api.main import create_app

        with TestClient(create_app()) as client:
            assert client.get("/livez").status_code == 200
            assert client.get("/docs").status_code == 404
            assert "strict-transport-security" in client.get("/livez").headers
    finally:
        get_settings.cache_clear()


def _compose_plugin() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _compose_plugin(), reason="docker compose is not installed here")
def test_docker_compose_reads_the_file():
    env = {**os.environ, **generated_values()}
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    missing = {k: v for k, v in env.items() if k != "YOUSAID_SECRET_KEY"}
    refused = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
        env=missing,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "openssl rand -hex 32" in refused.stderr
