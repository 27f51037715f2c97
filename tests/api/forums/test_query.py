"""A forum's rules in SQL agree with the same rules applied to one response in hand."""

import pytest
from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.forums.definitions import RoutingRule
from api.forums.query import heard
from api.models import Response
from tests import factories


@pytest.fixture
def responses(db):
    """Three analysed responses: a front-door complaint about reliability, a positive
    young person's, and a partner's with no free text."""
    complaint = factories.response(
        db,
        team="front-door",
        answers=factories.parent_answers(
            one_thing_to_change="She never turned up when she said she would",
            most_helpful="",
        ),
    ).response.id
    young = factories.response(
        db,
        survey="young-person",
        team="cin-cp",
        collection_point="cp_conference",
        answers={"worker_listened": 5, "good_things": "My worker was really kind and listened"},
    ).response.id
    partner = factories.response(
        db,
        survey="partner-agency",
        team="front-door",
        answers={"referral_acknowledged": 4},
    ).response.id
    for response_id in (complaint, young):
        answer_analysis.analyse_response(db, response_id=response_id)
    return {"complaint": complaint, "young": young, "partner": partner}


def hears(db, *rules):
    parsed = [RoutingRule.model_validate(r) for r in rules]
    return set(db.scalars(select(Response.id).where(heard(parsed))))


def test_rules_as_sql(db, responses):
    complaint, young, partner = responses["complaint"], responses["young"], responses["partner"]
    assert hears(db, {}) == {complaint, young, partner}
    assert hears(db, {"teams": ["front-door"]}) == {complaint, partner}
    assert hears(db, {"audiences": ["young_person"]}) == {young}
    assert hears(db, {"collection_points": ["cp_conference"]}) == {young}
    assert hears(db, {"themes": ["reliability"], "polarity": "negative"}) == {complaint}
    assert hears(db, {"teams": ["cin-cp"], "themes": ["reliability"]}) == set()
    assert hears(db, {"polarity": "positive"}) == {young}
    assert hears(db, {"sentiments": ["positive"]}) == {young}
    assert hears(db, {"audiences": ["young_person"]}, {"teams": ["front-door"]}) == {
        complaint,
        young,
        partner,
    }
    assert hears(db, {"statements_below_target": 75}) == set()
