"""/i/{token}: the personal single-use link in a text or an email invitation."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from api.invitations import links
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn
from api.models import Invitation, Response
from api.models.enums import Channel, InvitationStatus, Language
from tests import factories
from tests.frontend.test_public import answer, csrf


@pytest.fixture
def invitation(db):
    factories.team(db, "north-cin")
    invitations.receive_case_event(
        db,
        event=CaseEventIn.model_validate(
            {
                "event_id": "e-1",
                "case_ref": "C-1",
                "event": "front_door_completed",
                "team": "north-cin",
                "occurred_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
                "contacts": [{"role": "young_person", "phone": "07700 900777", "language": "cy"}],
            }
        ),
    )
    return db.scalar(select(Invitation))


def link(invitation):
    return f"/i/{links.link_token(invitation.public_id)}"


def test_the_link_opens_the_form_in_their_language_with_the_context_attached(
    client, db, invitation
):
    opened = client.get(link(invitation), follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/f/young-person?lang=cy"
    start = client.get("/f/young-person?lang=cy")
    assert '<html lang="cy">' in start.text
    client.post("/f/young-person/start?lang=cy", data={"csrf": csrf(start)})
    answer(client, "young-person", 1, "no")  # the safety question
    for number in range(2, 9):
        answer(client, "young-person", number, "4" if number <= 6 else "")
    done = answer(client, "young-person", 9, "mwy o amser")
    assert done.headers["location"] == "/f/young-person/thanks"
    stored = db.scalar(select(Response))
    assert stored.invitation_id == invitation.id
    assert stored.channel is Channel.sms and stored.language is Language.cy
    assert stored.team_id is not None and stored.collection_point_id is not None
    db.refresh(invitation)
    assert invitation.status is InvitationStatus.completed


def test_the_link_works_once(client, db, invitation):
    client.get(link(invitation))
    start = client.get("/f/young-person")
    client.post("/f/young-person/start", data={"csrf": csrf(start)})
    answer(client, "young-person", 9, "more time")  # the last page sends
    client.cookies.clear()  # another phone
    again = client.get(link(invitation))
    assert again.status_code == 200 and "Thank you" in again.text
    assert db.scalar(select(func.count()).select_from(Response)) == 1


def test_two_phones_opening_one_link_still_make_one_response(client, db, invitation):
    def start_on_this_phone():
        client.get(link(invitation))
        start = client.get("/f/young-person")
        client.post("/f/young-person/start", data={"csrf": csrf(start)})
        return dict(client.cookies)

    first_phone = start_on_this_phone()
    client.cookies.clear()
    start_on_this_phone()
    assert answer(client, "young-person", 9, "from the second phone").status_code == 303
    client.cookies.clear()
    client.cookies.update(first_phone)
    done = answer(client, "young-person", 9, "from the first phone")
    assert done.headers["location"] == "/f/young-person/thanks"
    assert db.scalar(select(func.count()).select_from(Response)) == 1


def test_an_expired_invitation_says_the_survey_has_closed(client, db, invitation):
    invitation.status = InvitationStatus.expired
    db.flush()
    closed = client.get(link(invitation))
    assert closed.status_code == 410
    assert "/f/young-person" in closed.text


@pytest.mark.parametrize("token", ["nope", "a" * 36, "x" * 500])
def test_a_wrong_link_is_a_friendly_404(client, invitation, token):
    page = client.get(f"/i/{token}")
    assert page.status_code == 404 and "<html" in page.text


def test_opening_the_link_stops_the_reminder(client, db, invitation):
    invitation.status = InvitationStatus.sent
    db.flush()
    client.get(link(invitation))
    db.refresh(invitation)
    assert invitation.status is InvitationStatus.started
