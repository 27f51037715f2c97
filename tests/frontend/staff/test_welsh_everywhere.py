"""A Welsh-speaking officer meets no English the pages could have said in Welsh (issue 15):
what api/ services say (refusals, errors, problems with a form), the texts that did not
arrive, who an alert's email went to, the Welsh language officer's page, the Overview's
target and collection points, a choice answer, the Surveys page's texts, the users page."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from api.messaging import undelivered
from api.models import CollectionPoint, StaffUser, WelshApproval
from api.models.enums import AlertSource, MessageStatus, Role
from frontend.staff import api_messages, language, places
from tests import factories
from tests.api.alerts.alerting import alert
from tests.api.messaging.test_undelivered import not_arrived
from tests.staff_pages import csrf_of, signed_in


def welsh(client, db, role: Role = Role.rights_team, teams: list[str] | None = None) -> StaffUser:
    """A staff member who chose Cymraeg, signed in."""
    user = factories.staff_user(db, role, teams)
    user.language = "cy"
    db.flush()
    signed_in(client, user.email)
    return user


def text(page) -> str:
    return html.unescape(page.text)


def in_welsh(fn):
    language.use("cy")
    try:
        return fn()
    finally:
        language.use("en")


# What api/ services say


def test_a_services_message_is_said_in_welsh_by_its_english():
    said = in_welsh(lambda: api_messages.say("Your role cannot read raw feedback"))
    assert said == "Dydy eich rôl chi ddim yn gallu darllen adborth crai"


def test_a_services_message_with_values_is_said_in_welsh_with_them():
    cases = {
        "There is already a user ana@example.org": "Mae defnyddiwr ana@example.org yn bod yn barod",
        "A manager sees only their teams: choose at least one": (
            "Dim ond eu timau nhw mae rheolwr yn eu gweld: dewiswch o leiaf un"
        ),
        "An alert that is new can move to acknowledged, closed": (
            "Gall rhybudd â'r statws 'newydd' symud i: wedi'i gydnabod, wedi'i gau"
        ),
        "there is no collection point 'x'": "does dim pwynt casglu 'x'",
        "Add the Welsh of what we did before publishing": (
            "Ychwanegwch y Gymraeg ar gyfer beth wnaethon ni cyn cyhoeddi"
        ),
        "There is no survey 'abc' version 3": "Does dim fersiwn 3 o'r arolwg 'abc'",
    }
    for english, cymraeg in cases.items():
        said = in_welsh(lambda english=english: api_messages.say(english))
        assert html.unescape(said) == cymraeg, english


def test_a_message_nobody_listed_is_shown_as_the_service_wrote_it():
    assert in_welsh(lambda: api_messages.say("Something new went wrong")) == (
        "Something new went wrong"
    )


def test_a_refusal_from_a_service_reaches_the_page_in_welsh(client, db):
    welsh(client, db)
    page = client.get("/staff/concerns/no-such-concern")
    assert page.status_code == 404
    said = text(page)
    assert "Does dim pryder posibl gyda'r rhif adnabod hwnnw" in said
    assert "There is no possible concern with that id" not in said


def test_a_services_problem_with_a_form_is_in_welsh_with_its_values(client, db):
    officer = welsh(client, db, Role.admin)
    token = csrf_of(client.get("/staff/users").text)
    taken = client.post(
        "/staff/users",
        data={"csrf_token": token, "email": officer.email, "display_name": "A", "role": "admin"},
    )
    assert taken.status_code == 422
    assert f"Mae defnyddiwr {officer.email} yn bod yn barod" in text(taken)
    assert "There is already a user" not in text(taken)
    no_team = client.post(
        "/staff/users",
        data={
            "csrf_token": token,
            "email": "new@example.org",
            "display_name": "N",
            "role": "manager",
        },
    )
    assert no_team.status_code == 422
    said = text(no_team)
    assert "dewiswch o leiaf un" in said and "choose at least one" not in said


def test_approving_nothing_is_refused_in_welsh(client, db):
    welsh(client, db)
    page = client.get("/staff/surveys/welsh")
    answer = client.post("/staff/surveys/welsh", data={"csrf_token": csrf_of(page.text)})
    assert answer.status_code == 422
    said = text(answer)
    assert "Ticiwch y Gymraeg rydych chi wedi'i gwirio, yna cymeradwywch hi" in said
    assert "Tick the Welsh you have checked" not in said


# Texts that did not arrive (api/messaging/undelivered.py)


def test_why_a_text_did_not_arrive_is_in_welsh(client, db):
    not_arrived(db, team="north", code="notify-permanent")
    not_arrived(db, team="north", code=None, status=MessageStatus.undelivered)
    not_arrived(db, team="north", code="30003")
    welsh(client, db, Role.manager, ["north"])
    said = text(client.get("/staff/texts"))
    for words in (
        "Gwahoddiad i arolwg",
        "Neges destun",
        "Dydy'r rhif neu'r cyfeiriad ddim yn gweithio",
        "Doedd y rhwydwaith ffôn ddim yn gallu ei chyflwyno.",
        "Gwrthododd y darparwr hi (cod 30003).",
    ):
        assert words in said, words
    for words in (
        "Invitation to a survey",
        "The number or address does not work",
        "did not arrive",  # nothing from api/ in English
        "The phone network could not deliver it",
        "The provider refused it",
    ):
        assert words not in said, words


def test_the_api_keeps_its_english_for_the_command_line(db):
    message = not_arrived(db, team="north", code="30003")
    assert undelivered.why(message) == "The provider refused it (code 30003)."
    assert undelivered.reason(message) == undelivered.REFUSED


# The alert page


def test_who_an_alert_was_told_about_is_in_welsh(client, db):
    made = alert(db, source=AlertSource.child_request)
    welsh(client, db)
    said = text(client.get(f"/staff/alerts/{made.public_id}"))
    assert "tîm dyletswydd" in said
    assert "duty team" not in said


def test_escalation_contacts_are_named_in_welsh_too():
    said = in_welsh(lambda: api_messages.recipients("duty team and escalation contacts"))
    assert said == "tîm dyletswydd a'r cysylltiadau uwchgyfeirio"


# The Welsh language officer's page


def test_the_officers_page_names_groups_and_places_in_welsh(client, db):
    welsh(client, db)
    said = text(client.get("/staff/surveys/welsh", params={"source": "parent-carer v3"}))
    assert "<h2>Arolwg rhieni a gofalwyr, fersiwn 3</h2>" in said
    assert "cwestiwn 1 (safe_now)" in said
    assert "cwestiwn 1 (safe_now), ateb rather_not_say" in said
    assert "tra rydyn ni'n gweithio gyda nhw" in said
    assert "question 1 (safe_now)" not in said and ", during" not in said
    assert "public pages catalogue" not in said and "catalog y tudalennau cyhoeddus" in said


def test_places_are_said_in_welsh():
    cases = {
        "question 3 (worker_explained), after": (
            "cwestiwn 3 (worker_explained), ar ôl i ni weithio gyda nhw"
        ),
        "title": "teitl",
        "agreement 4": "graddfa cytuno, ateb 4",
        "faces, none": "graddfa wynebau, ddim yn berthnasol",
        "child wording": "geiriad plant (ti)",
        "page text": "testun tudalen",
    }
    for english, cymraeg in cases.items():
        assert in_welsh(lambda english=english: places.place(english)) == cymraeg
    assert in_welsh(lambda: places.source("answer scales")) == "graddfeydd ateb"


def test_the_officer_sees_which_strings_were_approved_by_whom_and_when(client, db):
    officer = welsh(client, db)
    page = client.get("/staff/surveys/welsh", params={"source": "parent-carer v3"})
    ticked = re.findall(r'name="approve" value="([0-9a-f]{64})"', page.text)[:2]
    client.post(
        "/staff/surveys/welsh",
        data={"csrf_token": csrf_of(page.text), "source": "parent-carer v3", "approve": ticked},
    )
    said = text(client.get("/staff/surveys/welsh", params={"approved_source": "parent-carer v3"}))
    approved = said[said.index('id="approved"') :]
    assert "Cymraeg a gymeradwywyd hyd yma" in approved
    assert "2 llinyn wedi'u cymeradwyo yn y grŵp hwn." in approved
    assert officer.display_name in approved
    assert "Rhieni a gofalwyr" in approved  # the Welsh that was approved, beside its English
    assert "Approved most recently" not in said
    # Another group's filter shows none of these.
    other = text(client.get("/staff/surveys/welsh", params={"approved_source": "answer scales"}))
    assert "0 llinyn wedi'u cymeradwyo yn y grŵp hwn." in other


def test_the_approved_list_is_a_page_at_a_time(client, db):
    officer = welsh(client, db)
    for i in range(55):
        db.add(
            WelshApproval(
                fingerprint=f"{i:064x}",
                source="answer scales",
                place=f"agreement {i % 5 + 1}",
                approved_by_user_id=officer.id,
                approved_by_name="Swyddog",
            )
        )
    db.flush()
    first = text(client.get("/staff/surveys/welsh"))
    assert "Tudalen 1 o 2." in first and "Tudalen nesaf" in first
    assert first.count("Swyddog") == 50
    second = text(client.get("/staff/surveys/welsh", params={"approved_page": "2"}))
    assert "Tudalen 2 o 2." in second and second.count("Swyddog") == 5
    assert "Wedi newid ers hynny, neu cafodd ei ffeil ei chymeradwyo'n gyfan" in second


# The Overview, a response, the Surveys page, the users page


def test_the_overview_says_the_target_and_collection_points_in_welsh(client, db):
    for _ in range(3):
        factories.response(db, collection_point="closure")
    db.flush()
    welsh_name = db.scalar(select(CollectionPoint.name_cy).where(CollectionPoint.key == "closure"))
    english_name = db.scalar(
        select(CollectionPoint.name_en).where(CollectionPoint.key == "closure")
    )
    welsh(client, db)
    said = text(client.get("/staff", params={"period": "12m"}))
    assert "targed 75%" in said and "target 75%" not in said
    funnel = said[said.index('id="h-funnel"') :]
    funnel = funnel[: funnel.index("</table>")]
    assert f'<th scope="row">{welsh_name}</th>' in funnel
    assert english_name not in funnel


def test_a_choice_answer_shows_its_words_in_welsh_not_its_value(client, db):
    made = factories.response(
        db,
        survey="parent-carer",
        survey_version=2,
        answers=factories.parent_answers(safe_now="rather_not_say"),
    )
    welsh(client, db)
    said = text(client.get(f"/staff/responses/{made.response.public_id}"))
    assert "Byddai'n well gen i beidio â dweud" in said
    assert "rather not say" not in said and "rather_not_say" not in said


def test_the_surveys_page_names_each_text_in_welsh(client, db):
    welsh(client, db)
    said = text(client.get("/staff/surveys/parent-carer/3"))
    assert "cwestiwn 1 (" in said and "gofyn eto (" in said and "nodyn atgoffa (dolen)" in said
    assert "asked again (" not in said and "reminder (link)" not in said


def test_the_users_page_says_never_and_service_areas_in_welsh(client, db):
    factories.staff_user(db, Role.manager, ["north"])  # never signed in
    welsh(client, db, Role.admin)
    said = text(client.get("/staff/users"))
    assert "erioed" in said and "plant mewn angen ac amddiffyn plant" in said
    assert ">never<" not in said and ">cin cp<" not in said
