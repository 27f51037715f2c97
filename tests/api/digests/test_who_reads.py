"""A digest (a forum's pack) leaves the system: it quotes only words a child let anyone who
helps improve the service read, and words never asked about (decision 44)."""

from api.answer_analysis import service as answer_analysis
from api.digests import content, render
from tests import factories
from tests.api.digests.test_content import IN_WEEK, WEEK, forum

GIVEN = {
    "service": "My worker is really kind and she helps me a lot",
    "worker": "My worker is always late and I am sad about it",
    "rights_team": "I hate the contact visits and nobody listens to me",
}


def test_a_digest_quotes_only_words_given_to_anyone(db):
    factories.team(db, "north")
    row = forum(db, teams=["north"])
    for choice, words in GIVEN.items():
        stored = factories.response(
            db,
            survey="young-person",
            team="north",
            submitted_at=IN_WEEK,
            answers={"worries": words},
            visibility={"worries": choice},
        ).response
        answer_analysis.analyse_response(db, response_id=stored.id)
    built = content.build(db, row, WEEK)
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert [q.text for q in built.quotes] == [GIVEN["service"]]
    assert "always late" not in text and "contact visits" not in text
    assert built.responses == "<5"  # their answers still count: only the words stay in
