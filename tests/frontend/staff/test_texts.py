"""Texts outside a survey: read by a person, scoped by the invitation's team, words shown only
on asking and audited, marked as read by whom and when."""

from __future__ import annotations

from sqlalchemy import func, select

from api.models import AuditEvent, SafeguardingAlert
from api.models.enums import Role
from tests import factories
from tests.factories import kept_text
from tests.staff_pages import csrf_of, signed_in


def test_a_manager_sees_only_their_teams_texts_and_never_the_words_in_the_list(client, db):
    mine = kept_text(db, team="north")
    kept_text(db, team="south")
    kept_text(db, team=None)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    page = signed_in(client, manager.email).get("/staff/texts").text
    assert page.count('id="text-') == 1 and f'id="text-{mine.id}"' in page
    assert "CASE-north" in page and "knife" not in page
    alert = db.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.inbound_message_id == mine.id)
    )
    assert f'href="/staff/alerts/{alert.public_id}"' in page


def test_texts_with_no_invitation_are_seen_by_the_rights_team_and_admins(client, db):
    stranger = kept_text(db, team=None, words="hello?", analyse=False)
    for role in (Role.rights_team, Role.admin):
        user = factories.staff_user(db, role)
        page = signed_in(client, user.email).get("/staff/texts").text
        assert f'id="text-{stranger.id}"' in page and "Texts outside a survey" in page


def test_a_practitioner_cannot_open_the_page(client, db):
    kept_text(db, team="north")
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    response = signed_in(client, practitioner.email).get("/staff/texts")
    assert response.status_code == 403


def test_the_words_are_shown_on_asking_escaped_and_audited(client, db):
    message = kept_text(db, team="north")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    audits = select(func.count()).where(AuditEvent.action == "inbound.view_text")
    assert db.scalar(audits) == 0
    shown = client.get(f"/staff/texts?words={message.id}").text
    assert "knife" in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<script>alert(1)" not in shown
    assert db.scalar(audits) == 1


def test_another_teams_words_cannot_be_asked_for(client, db):
    theirs = kept_text(db, team="south")
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    response = signed_in(client, manager.email).get(f"/staff/texts?words={theirs.id}")
    assert response.status_code == 404 and "knife" not in response.text


def test_mark_as_read_records_who_and_when(client, db):
    message = kept_text(db, team="north")
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff/texts?show=unread").text
    assert f'id="text-{message.id}"' in page
    response = client.post(
        f"/staff/texts/{message.id}/read",
        data={"csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    db.refresh(message)
    assert message.read_by_user_id == officer.id and message.read_at is not None
    after = client.get("/staff/texts").text
    assert f"Read by {officer.display_name}" in after
    assert f'id="text-{message.id}"' not in client.get("/staff/texts?show=unread").text


def test_mark_as_read_without_the_csrf_token_is_refused(client, db):
    message = kept_text(db, team="north")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    response = client.post(f"/staff/texts/{message.id}/read", data={})
    assert response.status_code in (400, 403)
    db.refresh(message)
    assert message.read_at is None


def test_the_menu_links_the_page_for_those_who_read_texts(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    assert 'href="/staff/texts"' in signed_in(client, manager.email).get("/staff").text


def test_the_list_says_truthfully_whether_the_sender_was_told_where_help_is(client, db):
    told = kept_text(db, team=None, analyse=False)
    told.told_not_watched = True
    not_told = kept_text(db, team=None, analyse=False)
    not_told.outcome = "reasked"
    db.flush()
    admin = factories.staff_user(db, Role.admin)
    page = signed_in(client, admin.email).get("/staff/texts").text
    row = {m.id: page.split(f'id="text-{m.id}"')[1].split("</tr>")[0] for m in (told, not_told)}
    assert "Told this number is not watched" in row[told.id]
    assert "Sent the question again; not told about help again" in row[not_told.id]
    assert "Not an answer to the question" in row[not_told.id]
