"""A possible concern's words follow the child's choice (decision 44): the rights team, who
read every concern, always read them; a manager only what the child let them."""

from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.models import PossibleConcern
from api.models.enums import Role
from tests import factories
from tests.api.concerns.concerning import WORDS, unsure  # noqa: F401 (a fixture)


def concern_for(db, choice: str) -> str:
    stored = factories.response(
        db,
        team="north",
        survey="young-person",
        answers={"worries": WORDS},
        visibility={"worries": choice},
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    found = db.scalar(select(PossibleConcern).where(PossibleConcern.response_id == stored.id))
    assert found is not None
    return found.public_id


def test_a_manager_does_not_read_a_concern_for_the_rights_team_only(client, db, unsure):  # noqa: F811
    concern = concern_for(db, "rights_team")
    manager = factories.auth(db, Role.manager, ["north"])
    seen = client.get(f"/api/v1/concerns/{concern}", headers=manager).json()
    assert seen["text"] is None and seen["status"] == "open"
    officer = factories.auth(db, Role.rights_team)
    assert client.get(f"/api/v1/concerns/{concern}", headers=officer).json()["text"] == WORDS


def test_a_manager_reads_a_concern_for_my_worker(client, db, unsure):  # noqa: F811
    concern = concern_for(db, "worker")
    manager = factories.auth(db, Role.manager, ["north"])
    assert client.get(f"/api/v1/concerns/{concern}", headers=manager).json()["text"] == WORDS
