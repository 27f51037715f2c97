"""The caseload: every contact a case event names is counted by group, invited or not, and
keeps nothing that reaches a person."""

import pytest
from sqlalchemy import select

from api.invitations import characteristics
from api.models import CaseContact, CaseContactCharacteristic, Invitation
from api.models.enums import AgeBand, Audience
from tests.api.invitations.test_case_events import PHONE, admin, event, post

__all__ = ["admin"]  # the fixture, shared with the case events' tests


@pytest.fixture
def council_characteristics(monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_CHARACTERISTICS_FILE", str(characteristics.EXAMPLE_FILE))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_every_contact_is_counted_with_its_groups_and_only_invited_ones_link_an_invitation(
    client, admin, db
):
    body = event(
        contacts=[
            {"role": "young_person", "phone": PHONE, "age_band": "13-17"},
            {"role": "parent", "do_not_contact": True, "reason": "court", "age_band": "13-17"},
        ]
    )
    assert post(client, admin, body).status_code == 202
    rows = db.scalars(select(CaseContact).order_by(CaseContact.id)).all()
    assert [(r.audience, r.age_band, r.outcome) for r in rows] == [
        (Audience.young_person, AgeBand.age_13_17, "invited"),
        (Audience.parent_carer, AgeBand.age_13_17, "do_not_contact"),
    ]
    invitation = db.scalar(select(Invitation))
    assert rows[0].invitation_id == invitation.id and rows[1].invitation_id is None
    assert rows[0].collection_point_id == invitation.collection_point_id is not None


def test_a_skipped_contact_keeps_no_number_and_no_reason(client, admin, db):
    body = event(
        contacts=[
            {
                "role": "parent",
                "phone": PHONE,
                "do_not_contact": True,
                "reason": "shared phone with the father",
            }
        ]
    )
    post(client, admin, body)
    stored = db.execute(select(CaseContact.__table__)).one()._asdict()
    words = " ".join(str(v) for v in stored.values())
    assert "7700" not in words and "shared" not in words
    assert db.scalar(select(Invitation)) is None


def test_an_event_no_survey_follows_is_still_caseload(client, admin, db):
    post(client, admin, event(event="visit_recorded"))
    [row] = db.scalars(select(CaseContact)).all()
    assert (row.outcome, row.collection_point_id) == ("event_not_surveyed", None)


def test_characteristics_are_refused_when_the_council_has_chosen_none(client, admin, db):
    body = event(
        contacts=[{"role": "parent", "phone": PHONE, "characteristics": {"disability": "yes"}}]
    )
    response = post(client, admin, body)
    assert response.status_code == 422
    assert "not a characteristic this council counts" in response.text
    assert db.scalar(select(CaseContact)) is None


@pytest.mark.usefixtures("council_characteristics")
def test_characteristics_on_the_councils_list_are_counted_one_row_a_name(client, admin, db):
    body = event(
        contacts=[
            {
                "role": "parent",
                "phone": PHONE,
                "characteristics": {"ethnicity": "mixed", "disability": "yes"},
            }
        ]
    )
    assert post(client, admin, body).status_code == 202
    found = db.execute(
        select(CaseContactCharacteristic.name, CaseContactCharacteristic.value).order_by(
            CaseContactCharacteristic.name
        )
    ).all()
    assert [tuple(r) for r in found] == [("disability", "yes"), ("ethnicity", "mixed")]


@pytest.mark.usefixtures("council_characteristics")
@pytest.mark.parametrize(
    "given",
    [{"ethnicity": "Jane's family are Irish Travellers"}, {"religion": "none"}, {"disability": ""}],
)
def test_a_value_or_name_off_the_list_is_refused_whole(client, admin, db, given):
    body = event(contacts=[{"role": "parent", "phone": PHONE, "characteristics": given}])
    assert post(client, admin, body).status_code == 422
    assert db.scalar(select(CaseContact)) is None


def test_an_age_band_off_the_list_is_refused(client, admin):
    body = event(contacts=[{"role": "young_person", "phone": PHONE, "age_band": "14"}])
    assert post(client, admin, body).status_code == 422


def test_the_same_event_again_counts_nobody_twice(client, admin, db):
    body = event(contacts=[{"role": "parent", "phone": PHONE, "age_band": "5-7"}])
    post(client, admin, body)
    assert post(client, admin, body).json()["duplicate"] is True
    assert len(db.scalars(select(CaseContact)).all()) == 1
