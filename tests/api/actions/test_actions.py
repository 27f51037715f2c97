"""'You said, we did': written by staff, published in English and Welsh, shown to the public."""

from api.models.enums import Role
from tests import factories
from tests.frontend.test_public import answer, begin

ACTION = {
    "team": "front-door",
    "you_said": "It was hard to get hold of your worker <b>at all</b>",
    "we_did": "Every family now has a duty number answered 9 to 5",
    "themes": ["communication"],
    "owner": "Front Door team manager",
    "due_on": "2026-12-31",
}
WELSH = {
    "you_said_cy": "Roedd hi'n anodd cael gafael ar eich gweithiwr",
    "we_did_cy": "Mae gan bob teulu rif dyletswydd sy'n cael ei ateb 9 tan 5",
}


def test_an_action_is_private_until_published_and_publishing_needs_welsh(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.manager, ["front-door"])
    made = client.post("/api/v1/actions", json=ACTION, headers=headers).json()
    assert made["published"] is False
    assert "duty number" not in client.get("/you-said-we-did/front-door").text
    refused = client.post(f"/api/v1/actions/{made['id']}/publish", headers=headers)
    assert refused.status_code == 422
    client.put(f"/api/v1/actions/{made['id']}", json=ACTION | WELSH, headers=headers)
    done = client.post(f"/api/v1/actions/{made['id']}/publish", headers=headers).json()
    assert done["published"] is True
    english = client.get("/you-said-we-did/front-door").text
    assert "duty number answered 9 to 5" in english
    assert "&lt;b&gt;at all&lt;/b&gt;" in english  # staff text is escaped too
    welsh = client.get("/you-said-we-did/front-door?lang=cy").text
    assert "Dywedoch chi" in welsh and "rif dyletswydd" in welsh


def test_published_actions_appear_on_the_thank_you_page_of_that_teams_form(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    made = client.post("/api/v1/actions", json=ACTION | WELSH, headers=headers).json()
    client.post(f"/api/v1/actions/{made['id']}/publish", headers=headers)
    begin(client, survey="young-person-under-8", query="?team=front-door")
    for number in range(1, 8):  # every page, so the answers are sent
        answer(client, "young-person-under-8", number, "5" if number == 2 else "")
    thanks = client.get("/f/young-person-under-8/thanks").text
    assert "What changed because people told us" in thanks and "duty number" in thanks
    assert 'href="/you-said-we-did/front-door"' in thanks


def test_a_manager_writes_actions_for_their_own_teams_only(client, db):
    factories.team(db, "front-door")
    factories.team(db, "cin-cp")
    headers = factories.auth(db, Role.manager, ["front-door"])
    assert (
        client.post(
            "/api/v1/actions", json=ACTION | {"team": "cin-cp"}, headers=headers
        ).status_code
        == 422
    )
    practitioner = factories.auth(db, Role.practitioner, ["front-door"])
    assert client.post("/api/v1/actions", json=ACTION, headers=practitioner).status_code == 403


def test_unknown_themes_are_refused(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    answer_ = client.post("/api/v1/actions", json=ACTION | {"themes": ["parking"]}, headers=headers)
    assert answer_.status_code == 422


def test_an_unknown_team_page_is_a_friendly_404(client):
    page = client.get("/you-said-we-did/no-such-team")
    assert page.status_code == 404 and "Page not found" in page.text
    assert "Nothing has been published here yet." in client.get("/you-said-we-did").text
