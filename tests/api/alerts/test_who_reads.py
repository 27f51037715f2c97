"""The one exception a child is told of (decision 44): words that may mean they are not safe
reach the duty team whatever the child chose, the alert told at once and its words readable
by the duty worker, though the same words stay out of that worker's view of responses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.alerts import service as alerts
from api.answer_analysis import service as answer_analysis
from api.models import SafeguardingAlert
from api.models.enums import Role
from api.responses import service as responses
from tests import factories
from tests.api.alerts.test_notify import mail, worker  # noqa: F401 (mail is a fixture)

DISCLOSURE = "My step dad hits me and I am scared to go home"


def test_an_alert_on_words_for_the_rights_team_only_still_reaches_the_duty_team(mail):  # noqa: F811
    database, received = mail
    with Session(database.engine) as session, session.begin():
        duty = factories.staff_user(session, Role.manager, ["front-door"])
        stored = factories.response(
            session,
            team="front-door",
            survey="young-person",
            answers={"worries": DISCLOSURE},
            visibility={"worries": "rights_team"},
        ).response
        answer_analysis.analyse_response(session, response_id=stored.id)
        alert_id = session.scalar(select(SafeguardingAlert.public_id))
        assert alert_id is not None
        response_id = stored.public_id
        duty_scope = Scope(
            role=Role.manager,
            label=duty.email,
            user_id=duty.id,
            team_ids=frozenset(t.id for t in duty.teams),
        )
    worker(database).run_until_idle()
    (message,) = received.messages
    assert message["To"] == "duty@council.example"
    assert f"/staff/alerts/{alert_id}" in message.get_body(preferencelist=("plain",)).get_content()
    with Session(database.engine) as session, session.begin():
        scope = duty_scope
        assert alerts.text(session, scope, public_id=alert_id) == DISCLOSURE
        # ...while the response itself keeps the child's choice from the same worker.
        [answer] = [a for a in responses.get(session, scope, public_id=response_id).answers or []]
        assert answer.text is None and answer.text_kept_by_choice
