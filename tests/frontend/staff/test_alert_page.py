"""One alert's page as a duty worker uses it: who, when, where, how raised; contact details
revealed on asking (POST, CSRF, raw roles, audited, refused to another team's manager); taking
it on; referring in one step; and signing in first comes back to it, never elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from sqlalchemy import func, select

from api.answer_analysis import service as answer_analysis
from api.models import AuditEvent, SafeguardingAlert
from api.models.enums import AlertSource, AlertStatus, Role
from tests import factories
from tests.api.alerts.alerting import PHONE, alert, invitation
from tests.staff_pages import csrf_of, sign_in, signed_in

DISCLOSURE = "My mum's boyfriend hits me and I am scared to go home"


def audits(db, action: str) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


def test_the_page_says_who_when_where_and_how_it_was_raised(client, db):
    made = alert(db, source=AlertSource.child_request)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}").text
    for words in (
        "A child or young person",
        "Web form",
        "Front door (first contact and assessment)",
        "They asked for help themselves",
        "Asked for someone to talk to them",
        "Nobody yet",
        "North",
    ):
        assert words in page, words
    assert made.said_at.astimezone().strftime("%B %Y") in page


def test_an_anonymous_alert_says_no_team(client, db):
    made = alert(db, team=None)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}").text
    assert "No team — anonymous" in page and "left no way to reach them" in page


def test_contact_details_are_shown_on_asking_and_audited(client, db):
    made = alert(db, invitation_id=invitation(db).id)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}").text
    assert "CASE-4471" in page and PHONE not in page and "Show contact details" in page
    shown = client.post(
        f"/staff/alerts/{made.public_id}/contact", data={"csrf_token": csrf_of(page)}
    )
    assert shown.status_code == 200 and PHONE in shown.text
    assert 'href="tel:07700900123"' in shown.text
    assert audits(db, "alert.view_contact") == 1


def test_a_forged_contact_request_reveals_nothing(client, db):
    made = alert(db, invitation_id=invitation(db).id)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    forged = client.post(f"/staff/alerts/{made.public_id}/contact", data={"csrf_token": "x"})
    assert forged.status_code == 403 and PHONE not in forged.text
    assert audits(db, "alert.view_contact") == 0


def test_an_erased_number_says_so(client, db):
    erased = datetime.now(UTC) - timedelta(days=3)
    made = alert(db, invitation_id=invitation(db, phone=None, contact_erased_at=erased).id)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}").text
    shown = client.post(
        f"/staff/alerts/{made.public_id}/contact", data={"csrf_token": csrf_of(page)}
    ).text
    assert "no longer kept" in shown and "erased on" in shown


def test_a_manager_of_another_team_gets_a_refusal_for_alert_contact_and_words(client, db):
    made = alert(db, team="south", invitation_id=invitation(db, team="south").id)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    token = csrf_of(client.get("/staff/alerts").text)
    assert client.get(f"/staff/alerts/{made.public_id}").status_code == 404
    assert client.get(f"/staff/alerts/{made.public_id}?words=1").status_code == 404
    contact = client.post(f"/staff/alerts/{made.public_id}/contact", data={"csrf_token": token})
    assert contact.status_code == 404 and PHONE not in contact.text
    assign = client.post(f"/staff/alerts/{made.public_id}/assign", data={"csrf_token": token})
    assert assign.status_code == 404
    assert audits(db, "alert.view_contact") + audits(db, "alert.view_text") == 0
    db.refresh(made)
    assert made.owner_user_id is None


def test_the_words_of_a_child_who_asked_without_writing_say_so(client, db):
    made = alert(db, source=AlertSource.child_request)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}?words=1")
    assert "They asked for help without writing anything" in page.text
    assert audits(db, "alert.view_text") == 1


def test_assign_to_me_from_the_queue_holds_the_alert(client, db):
    made = alert(db)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    queue = signed_in(client, manager.email).get("/staff/alerts").text
    assert "Nobody yet" in queue and "Assign to me" in queue
    done = client.post(
        f"/staff/alerts/{made.public_id}/assign",
        data={"csrf_token": csrf_of(queue), "back": "/staff/alerts?sort=newest"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/staff/alerts?sort=newest&assigned=")
    after = client.get(done.headers["location"]).text
    assert "You now hold the alert" in after and ">You" in after
    db.refresh(made)
    assert made.owner_user_id == manager.id and made.assigned_at is not None


def test_assign_never_sends_elsewhere(client, db):
    made = alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    token = csrf_of(signed_in(client, officer.email).get("/staff/alerts").text)
    done = client.post(
        f"/staff/alerts/{made.public_id}/assign",
        data={"csrf_token": token, "back": "https://evil.example/"},
        follow_redirects=False,
    )
    assert done.headers["location"].startswith(f"/staff/alerts/{made.public_id}?")


def test_referring_a_new_alert_is_one_step_on_the_page(client, db):
    made = alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/alerts/{made.public_id}").text
    assert "Refer to children&#39;s social care" in page and "No further action" in page
    done = client.post(
        f"/staff/alerts/{made.public_id}",
        data={"csrf_token": csrf_of(page), "status": "referred", "note": "MASH ref 77"},
    )
    assert "now referred" in done.text and "Acknowledged, by" in done.text
    db.refresh(made)
    assert made.status is AlertStatus.referred


def test_the_queue_shows_who_how_and_late_in_words(client, db):
    old = datetime.now(UTC) - timedelta(hours=3)
    alert(db, source=AlertSource.child_request, raised_at=old)
    officer = factories.staff_user(db, Role.rights_team)
    queue = signed_in(client, officer.email).get("/staff/alerts").text
    assert "A child or young person" in queue and "Web form" in queue
    assert "Late: not picked up" in queue and "Asked for help</strong>" in queue


def test_the_queue_filters_from_the_address_and_ignores_nonsense(client, db):
    alert(db, categories=["neglect"])
    alert(db, source=AlertSource.child_request)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    asked = client.get("/staff/alerts?asked=1").text
    assert asked.count('href="/staff/alerts/') == 1
    neglect = client.get("/staff/alerts?concern=neglect").text
    assert neglect.count('href="/staff/alerts/') == 1
    junk = client.get("/staff/alerts?status=zzz&team=x&page=-4&concern=%00&sort=1")
    assert junk.status_code == 200 and junk.text.count('href="/staff/alerts/') == 2


def test_the_queue_pages(client, db):
    for _ in range(27):
        alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    first = signed_in(client, officer.email).get("/staff/alerts").text
    assert first.count('href="/staff/alerts/') == 25 and "page 1 of 2" in first
    second = client.get("/staff/alerts?page=2").text
    assert second.count('href="/staff/alerts/') == 2 and "Previous page" in second


def raise_on_response(db, team="north"):
    stored = factories.response(
        db, team=team, answers=factories.parent_answers(one_thing_to_change=DISCLOSURE)
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    return stored, db.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.response_id == stored.id)
    )


def test_a_practitioner_sees_the_banner_but_no_words_and_no_link(client, db):
    stored, made = raise_on_response(db)
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    page = signed_in(client, practitioner.email).get(f"/staff/responses/{stored.public_id}")
    assert "A safeguarding alert was raised" in page.text and "held by nobody yet" in page.text
    assert f"/staff/alerts/{made.public_id}" not in page.text
    # The banner adds nothing to what the practitioner may already read (the redacted copy).
    banner = page.text.split('role="note">', 1)[1].split("</div>", 1)[0]
    assert "scared" not in banner and "Abuse" not in banner and "abuse" not in banner


def test_a_manager_sees_the_banner_with_the_holder_and_a_link(client, db):
    stored, made = raise_on_response(db)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    alert_page = client.get(f"/staff/alerts/{made.public_id}").text
    assert f'href="/staff/responses/{stored.public_id}?back=' in alert_page
    client.post(f"/staff/alerts/{made.public_id}/assign", data={"csrf_token": csrf_of(alert_page)})
    page = client.get(f"/staff/responses/{stored.public_id}").text
    assert "new, held by" in page and "nobody yet" not in page
    assert f'href="/staff/alerts/{made.public_id}"' in page


def test_signing_in_returns_to_the_alert(client, db):
    made = alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    wanted = f"/staff/alerts/{made.public_id}"
    bounced = client.get(wanted, follow_redirects=False)
    assert bounced.status_code == 303
    assert bounced.headers["location"] == f"/staff/login?next={quote(wanted, safe='')}"
    form = client.get(bounced.headers["location"]).text
    assert f'name="next" value="{wanted}"' in form
    back = sign_in(client, officer.email, next_=wanted)
    assert back.status_code == 303 and back.headers["location"] == wanted
    assert "A child or young person" in client.get(wanted).text


def test_signing_in_never_sends_you_to_another_site(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    for target in (
        "https://evil.example/staff",
        "//evil.example/staff",
        "/\\evil.example",
        "/staff\\@evil.example",
        "/staff/\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
        "staff/alerts",
    ):
        client.cookies.clear()
        back = sign_in(client, officer.email, next_=target)
        assert back.status_code == 303 and back.headers["location"] == "/staff", target


def test_from_a_filtered_queue_to_the_response_and_back_again(client, db):
    import html
    import re

    stored, made = raise_on_response(db)
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    queue = client.get("/staff/alerts?status=all&sort=newest").text
    (opened,) = [
        html.unescape(h)
        for h in re.findall(r'href="(/staff/alerts/[^"]+)"', queue)
        if made.public_id in h
    ]
    assert opened == (
        f"/staff/alerts/{made.public_id}?back=%2Fstaff%2Falerts%3Fstatus%3Dall%26sort%3Dnewest"
    )
    alert_page = client.get(opened).text
    assert '<a href="/staff/alerts?status=all&amp;sort=newest">Back to alerts</a>' in alert_page
    (to_response,) = re.findall(r'href="(/staff/responses/[^"]+)"', alert_page)
    response_page = client.get(html.unescape(to_response)).text
    back = re.search(r'<a href="([^"]+)">Back to the alert</a>', response_page)
    assert back is not None and html.unescape(back.group(1)) == opened
    # Another site is never a way back.
    elsewhere = client.get(f"/staff/responses/{stored.public_id}?back=//evil.example/").text
    assert "evil.example" not in elsewhere and "Back to the alert" not in elsewhere
