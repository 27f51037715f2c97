"""Theme review shows a reviewer only the words a child let them read (decision 44): the rights
team reviews every answer; an admin only what anyone may read."""

import pytest

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.core.errors import NotFound
from api.models.enums import Role
from api.reviews import queue
from api.reviews import service as reviews
from tests import factories

ADMIN = Scope(role=Role.admin, label="admin@council.example")
OFFICER = Scope(role=Role.rights_team, label="officer@council.example")
GIVEN = {
    "service": "The youth club trips were brilliant",
    "worker": "My worker keeps changing and it is hard",
    "rights_team": "I do not want to go to the contact centre any more",
}


@pytest.fixture
def answered(db):
    stored = {}
    for choice, words in GIVEN.items():
        response = factories.response(
            db,
            team="north",
            survey="young-person",
            answers={"worries": words},
            visibility={"worries": choice},
        ).response
        answer_analysis.analyse_response(db, response_id=response.id)
        stored[choice] = response
    return stored


def test_an_admins_queue_holds_only_words_anyone_may_read(db, answered):
    assert [i.text for i in reviews.queue(db, ADMIN)] == [GIVEN["service"]]
    assert sorted(i.text for i in reviews.queue(db, OFFICER)) == sorted(GIVEN.values())
    assert sum(g.size for g in queue.groups(db, ADMIN, limit=10)) == 1


def test_an_admin_cannot_open_an_answer_for_the_rights_team_only(db, answered):
    with pytest.raises(NotFound):
        reviews.item(db, ADMIN, response=answered["rights_team"].public_id, question="worries")
    kept = reviews.item(db, OFFICER, response=answered["rights_team"].public_id, question="worries")
    assert kept.text == GIVEN["rights_team"]
