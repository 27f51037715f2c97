"""QR placements: a poster in a family centre opens the right form, and we count the funnel."""

import png
from sqlalchemy import inspect, select

from api.models import QrScan, Response
from api.models.enums import Channel, Role
from tests import factories
from tests.frontend.test_public import answer, csrf


def make(client, headers, **overrides):
    body = {
        "survey": "young-person-under-8",
        "team": "front-door",
        "collection_point": "closure",
        "language": "en",
        "location": "Family Centre reception",
    } | overrides
    return client.post("/api/v1/qr-placements", json=body, headers=headers)


def test_a_placement_gets_an_unguessable_short_code_and_url(client, db):
    factories.team(db, "front-door")
    placement = make(client, factories.auth(db, Role.rights_team))
    assert placement.status_code == 201
    body = placement.json()
    assert len(body["code"]) == 8 and body["url"].endswith(f"/q/{body['code']}")
    assert not set(body["code"]) & set("0O1lI")
    assert (body["scans"], body["started"], body["completed"]) == (0, 0, 0)


def test_the_codes_download_as_png_svg_and_a_bilingual_poster(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers).json()["code"]
    image = client.get(f"/api/v1/qr-placements/{code}/qr.png", headers=headers)
    width, height, _, _ = png.Reader(bytes=image.content).read()
    assert image.headers["content-type"] == "image/png" and width == height >= 300
    svg = client.get(f"/api/v1/qr-placements/{code}/qr.svg", headers=headers)
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    poster = client.get(f"/api/v1/qr-placements/{code}/poster", headers=headers).text
    assert f"/q/{code}" in poster  # written out for people who cannot scan
    assert 'lang="cy"' in poster and "0800 1111" in poster and "@page" in poster


def test_a_scan_opens_the_form_and_the_answer_carries_the_placements_context(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers, language="cy").json()["code"]
    scanned = client.get(f"/q/{code}", follow_redirects=False)
    assert scanned.status_code == 303
    start_url = scanned.headers["location"]
    assert start_url.startswith("/f/young-person-under-8?") and f"qr={code}" in start_url
    start = client.get(start_url)
    assert '<html lang="cy">' in start.text
    query = start_url.split("?", 1)[1]
    client.post(f"/f/young-person-under-8/start?{query}", data={"csrf": csrf(start)})
    answer(client, "young-person-under-8", 1, "no")  # the safety question
    for number in range(2, 8):
        answer(client, "young-person-under-8", number, "5" if number <= 4 else "")
    stored = db.scalar(select(Response))
    assert stored.channel is Channel.qr
    assert stored.team_id is not None and stored.collection_point_id is not None
    funnel = client.get("/api/v1/qr-placements", headers=headers).json()[0]
    assert (funnel["scans"], funnel["started"], funnel["completed"]) == (1, 1, 1)


def test_a_scan_stores_the_time_and_nothing_about_the_person():
    assert {c.key for c in inspect(QrScan).columns} == {"id", "placement_id", "scanned_at"}


def test_a_retired_placement_says_the_survey_has_closed_kindly(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers).json()["code"]
    client.post(f"/api/v1/qr-placements/{code}/retire", headers=headers)
    page = client.get(f"/q/{code}")
    assert page.status_code == 410
    assert "These questions have closed" in page.text
    assert 'href="/f/young-person-under-8?lang=en"' in page.text


def test_an_unknown_code_gets_a_friendly_page(client):
    page = client.get("/q/nosuchcd")
    assert page.status_code == 404 and "Page not found" in page.text


def test_a_manager_places_codes_for_their_own_teams_only(client, db):
    factories.team(db, "front-door")
    factories.team(db, "cin-cp")
    headers = factories.auth(db, Role.manager, ["front-door"])
    assert make(client, headers).status_code == 201
    assert make(client, headers, team="cin-cp").status_code == 422
    practitioner = factories.auth(db, Role.practitioner, ["front-door"])
    assert make(client, practitioner).status_code == 403


def test_a_cymraeg_placements_poster_is_welsh_first(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers, language="cy", survey="parent-carer").json()["code"]
    poster = client.get(f"/api/v1/qr-placements/{code}/poster", headers=headers).text
    assert '<html lang="cy">' in poster
    assert poster.index('lang="cy">Dywedwch wrthon ni') < poster.index('lang="en">Tell us')


def test_a_retired_cymraeg_placement_says_so_in_welsh_unless_the_visitor_chose_english(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers, language="cy").json()["code"]
    client.post(f"/api/v1/qr-placements/{code}/retire", headers=headers)
    client.cookies.clear()
    page = client.get(f"/q/{code}")
    assert page.status_code == 410 and '<html lang="cy">' in page.text
    assert "Mae&#39;r cwestiynau hyn wedi cau" in page.text or (
        "Mae'r cwestiynau hyn wedi cau" in page.text
    )
    assert 'href="/f/young-person-under-8?lang=cy"' in page.text
    chose_english = client.get(f"/q/{code}?lang=en")
    assert chose_english.status_code == 410 and "These questions have closed" in chose_english.text
    # The choice is remembered, as on every public page.
    assert "These questions have closed" in client.get(f"/q/{code}").text


def test_a_form_opened_from_a_retired_code_says_the_same_as_the_code(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers).json()["code"]
    client.post(f"/api/v1/qr-placements/{code}/retire", headers=headers)
    scanned = client.get(f"/q/{code}")
    opened = client.get(f"/f/young-person-under-8?qr={code}")
    assert opened.status_code == scanned.status_code == 410
    assert "These questions have closed" in opened.text


def test_a_code_of_another_survey_is_not_counted_on_this_form(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.rights_team)
    code = make(client, headers).json()["code"]  # the under-8s' code
    page = client.get(f"/f/parent-carer?qr={code}")
    assert page.status_code == 404
    started = client.post(
        "/f/parent-carer/start",
        params={"qr": code},
        data={"csrf": csrf(client.get("/f/parent-carer"))},
        follow_redirects=False,
    )
    assert started.status_code == 404
    placement = client.get(f"/api/v1/qr-placements/{code}", headers=headers).json()
    assert placement.get("started", 0) == 0
