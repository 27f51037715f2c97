"""Every API operation, fuzzed from its own OpenAPI description: no input is a server error.

Schemathesis reads the app's /openapi.json and sends each operation valid and invalid requests
(its examples, coverage and fuzzing phases: wrong types, boundary numbers, odd strings, missing
and extra fields, unexpected methods), on SQLite and PostgreSQL, as an admin token (which may
do everything) and with no token at all. The only check is `not_a_server_error`: a 4xx is a fine
answer to nonsense, a 5xx is a bug.

A response, an alert, a possible concern, an action and a QR placement exist in each test's
database, and half the generated path ids are swapped for theirs, so the fuzz reaches the code
behind "found" and not only the 404.

The seed is fixed and the examples per operation bounded, so CI runs the same cases each time
in well under two minutes; `YOUSAID_FUZZ_EXAMPLES=300 pytest -m fuzz -n 0` runs more, by hand
(decision 40). One test per operation, database and caller, in no xdist group: each has its own
transaction and shares nothing outside, so they spread over the workers like any other test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.actions import service as actions
from api.actions.schemas import ActionWrite
from api.answer_analysis import service as answer_analysis
from api.main import create_app
from api.models import Forum, PossibleConcern, SafeguardingAlert
from api.models.enums import Language, Role
from api.qr import service as placements
from tests import factories
from tests.api.concerns.concerning import concerned
from tests.conftest import _RequestSession

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("YOUSAID_FUZZ_EXAMPLES", "12"))
SEED = int(os.environ.get("YOUSAID_FUZZ_SEED", "16"))  # issue 16

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",  # valid requests and invalid ones alike
            "max-examples": EXAMPLES,
            "deterministic": True,
            "database": "none",  # no replay of earlier runs' failures: the same cases each run
        },
        "phases": {"stateful": {"enabled": False}},
    }
)

# One app for the module: schemathesis starts an app's lifespan once and keeps it. Each test
# points the app's sessions at its own rolled-back transaction (below).
APP = create_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)

# Path parameter -> ids that exist in the current test's database (filled by `caller`).
KNOWN: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(
    _context: Any, path_parameters: dict[str, Any] | None
) -> st.SearchStrategy[dict[str, Any] | None]:
    """Half the time, a generated id is replaced by one that exists."""
    names = [name for name in path_parameters or {} if KNOWN.get(name)]
    if not path_parameters or not names:
        return st.just(path_parameters)
    known = st.fixed_dictionaries({name: st.sampled_from(KNOWN[name]) for name in names})
    return st.one_of(st.just(path_parameters), known.map(lambda ids: {**path_parameters, **ids}))


def _seed(db: Session, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """One of each thing an id in a path names, made through the real services."""
    factories.team(db, "fuzz-team")
    admin = Scope.system("fuzz")
    answered = factories.response(
        db,
        team="fuzz-team",
        survey="young-person",
        answers={"worries": "I dont feel safe at home, dad hits me"},
    ).response
    answer_analysis.analyse_response(db, response_id=answered.id)
    monkeypatch.setattr(answer_analysis, "analyse", concerned)
    unsure = factories.response(
        db,
        team="fuzz-team",
        survey="young-person",
        answers={"worries": "I dont really like it when mum shouts at night"},
    ).response
    answer_analysis.analyse_response(db, response_id=unsure.id)
    action = actions.create(
        db,
        admin,
        body=ActionWrite(
            team="fuzz-team",
            you_said="Ring back",
            we_did="We ring back in a day",
            owner="Team manager",
        ),
    )
    placement = placements.create(
        db,
        admin,
        survey="young-person",
        team="fuzz-team",
        collection_point="closure",
        language=Language.en,
        location="Reception",
    )
    return {
        "response_id": [answered.public_id, unsure.public_id],
        "alert_id": list(db.scalars(select(SafeguardingAlert.public_id))),
        "concern_id": list(db.scalars(select(PossibleConcern.public_id))),
        "action_id": [action.public_id],
        "code": [placement.code],
        # A survey's key (GET /surveys/{key}) and a forum's (PUT /forums/{key}) share a name.
        "key": ["young-person", "parent-carer", *db.scalars(select(Forum.key))],
    }


@pytest.fixture(params=["admin", "anonymous"])
def caller(
    request: pytest.FixtureRequest, db: Session, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """The request's headers, an admin's token or none, over a seeded database; the app writes
    into the test's transaction, rolled back at the end."""
    APP.state.sessions = lambda: _RequestSession(db)
    KNOWN.update(_seed(db, monkeypatch))
    yield factories.auth(db, Role.admin) if request.param == "admin" else {}
    KNOWN.clear()


@schema.parametrize()
# An operation's examples share the test's transaction on purpose: what one request wrote,
# the next may trip over, as in production.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_input_is_a_server_error(case: schemathesis.Case, caller: dict[str, str]) -> None:
    case.call_and_validate(headers=caller, checks=[not_a_server_error])
