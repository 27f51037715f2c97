"""A real browser (Debian's chromium, driven by Playwright) against a live server.

No browser is downloaded: the tests use /usr/bin/chromium (YOUSAID_TEST_CHROMIUM) and
axe-core from npm (YOUSAID_AXE_JS). Without them the tests skip, unless
YOUSAID_TEST_REQUIRE_BROWSER=1, as in CI, which installs both.

A journey in a browser runs on one database, PostgreSQL (what a council runs), not both: what
differs between the engines is tested below the browser on both, and running every journey
twice cost CI about six minutes. YOUSAID_TEST_E2E_BACKENDS=sqlite,postgresql runs both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import CollectionPoint, QrPlacement
from api.models.enums import Language
from api.qr import service as placements
from tests import factories
from tests.conftest import Database, _fresh
from tests.live import live_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("YOUSAID_TEST_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("YOUSAID_AXE_JS", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


E2E_BACKENDS = os.environ.get("YOUSAID_TEST_E2E_BACKENDS", "postgresql").split(",")


@pytest.fixture(scope="session", params=E2E_BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The browser journeys' backend (see the module's note)."""
    yield from _fresh(request.param, tmp_path_factory.mktemp("db"), request)


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"no chromium at {CHROMIUM}"
    if not AXE.exists():
        return f"no axe-core at {AXE} (npm install axe-core)"
    return None


@pytest.fixture
def browser() -> Iterator[object]:
    """A browser per test: Playwright's sync API keeps an event loop on this thread while it
    runs, which would break later tests that start their own."""
    problem = _missing()
    if problem:
        if os.environ.get("YOUSAID_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def live(fresh_database, use_database) -> Iterator[tuple[str, object]]:
    """A server on a fresh database with a team and a QR placement in each language."""
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        team = factories.team(session, "front-door")
        closure = session.scalar(select(CollectionPoint.id).where(CollectionPoint.key == "closure"))
        codes = {}
        for language in Language:
            placement = QrPlacement(
                code=placements.new_code(),
                survey_key="young-person",
                language=language,
                team_id=team.id,
                collection_point_id=closure,
                location="Family Centre reception",
            )
            session.add(placement)
            session.flush()
            codes[language.value] = placement.code
    with live_server() as base:
        yield base, (fresh_database, codes)
