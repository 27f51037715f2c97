from __future__ import annotations

import pytest

from api.core.config import get_settings


@pytest.fixture
def council(monkeypatch):
    """Set retention (or any) settings for one test."""

    def settle(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"YOUSAID_{name.upper()}", value)
        get_settings.cache_clear()

    yield settle
    get_settings.cache_clear()
