"""QR placements from the staff pages: made, downloaded, counted, retired."""

from __future__ import annotations

from sqlalchemy import select

from api.models import QrPlacement, Team
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in


def test_a_manager_makes_a_code_downloads_it_and_retires_it(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    form = client.get("/staff/qr")
    token = csrf_of(form.text)
    made = client.post(
        "/staff/qr",
        data={
            "csrf_token": token,
            "location": "Family Centre <b>reception</b>",
            "survey": "young-person",
            "team": "north",
            "point": "",
            "language": "cy",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    code = db.scalar(select(QrPlacement.code))
    listing = client.get(made.headers["location"]).text
    assert f"Code {code} is ready" in listing and "&lt;b&gt;reception&lt;/b&gt;" in listing
    png = client.get(f"/staff/qr/{code}/qr.png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    svg = client.get(f"/staff/qr/{code}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    poster = client.get(f"/staff/qr/{code}/poster")
    assert (
        "cod gyda chamera dy ffôn" in poster.text  # a child's poster: Welsh's "ti"
        and "script-src" not in poster.headers["content-security-policy"]
    )
    client.get(f"/q/{code}")  # a scan
    assert '<span class="narrow-only">Scans: </span>1</td>' in client.get("/staff/qr").text
    asked = client.get(f"/staff/qr/{code}/retire")
    assert "Retire the code for Family Centre &lt;b&gt;reception&lt;/b&gt;?" in asked.text
    retired = client.post(
        f"/staff/qr/{code}/retire", data={"csrf_token": csrf_of(asked.text), "confirm": "yes"}
    )
    assert retired.status_code == 200 and f"Code {code} is retired" in retired.text


def test_a_code_needs_a_place_and_one_of_your_teams(client, db):
    factories.team(db, "south")
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    token = csrf_of(client.get("/staff/qr").text)
    nowhere = client.post(
        "/staff/qr",
        data={"csrf_token": token, "location": "", "survey": "young-person", "language": "en"},
    )
    assert nowhere.status_code == 422 and "Say where the code will be" in nowhere.text
    theirs = client.post(
        "/staff/qr",
        data={
            "csrf_token": token,
            "location": "Hall",
            "survey": "young-person",
            "team": "south",
            "language": "en",
        },
    )
    assert theirs.status_code == 422 and db.scalar(select(QrPlacement)) is None


def test_another_teams_code_cannot_be_downloaded(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff/qr").text)
    factories.team(db, "south")
    client.post(
        "/staff/qr",
        data={
            "csrf_token": token,
            "location": "Hall",
            "survey": "young-person",
            "team": "south",
            "language": "en",
        },
    )
    code = db.scalar(select(QrPlacement.code))
    client.cookies.clear()
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    assert client.get(f"/staff/qr/{code}/qr.png").status_code == 404
    assert code not in client.get("/staff/qr").text


def test_the_qr_table_names_teams_and_surveys_not_their_slugs(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["front-door"])
    db.scalar(select(Team).where(Team.slug == "front-door")).name = "Front Door and MASH"
    signed_in(client, manager.email)
    token = csrf_of(client.get("/staff/qr").text)
    client.post(
        "/staff/qr",
        data={
            "csrf_token": token,
            "location": "Reception",
            "survey": "parent-carer",
            "team": "front-door",
            "point": "",
            "language": "en",
        },
    )
    page = client.get("/staff/qr").text
    table = page.split("<table")[1].split("</table>")[0]
    assert "Front Door and MASH" in table and "Parents' and carers' survey" in table.replace(
        "&#39;", "'"
    )
    assert "front-door" not in table and ">parent-carer<" not in table
    menu = page.split('id="survey"')[1].split("</select>")[0]
    assert ">Parent carer<" not in menu and "Parents" in menu


def make_code(client, db) -> tuple[str, str]:
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    token = csrf_of(client.get("/staff/qr").text)
    client.post(
        "/staff/qr",
        data={
            "csrf_token": token,
            "location": "Library",
            "survey": "young-person",
            "team": "north",
            "language": "en",
        },
    )
    return db.scalar(select(QrPlacement.code)), token


def test_retiring_a_code_asks_first_and_keep_it_leaves_it_working(client, db):
    code, _ = make_code(client, db)
    listing = client.get("/staff/qr").text
    # The row's Retire is a link to a page that asks, not a button that acts.
    assert f'href="/staff/qr/{code}/retire"' in listing
    assert f'action="/staff/qr/{code}/retire"' not in listing
    asked = client.get(f"/staff/qr/{code}/retire")
    assert asked.status_code == 200
    assert "Retire the code for Library?" in asked.text
    assert "Posters and leaflets showing this code will stop working" in asked.text
    assert 'name="confirm" value="yes"' in asked.text and 'href="/staff/qr">Keep it' in asked.text
    db.expire_all()
    assert db.scalar(select(QrPlacement.retired_at)) is None
    assert client.get(f"/q/{code}", follow_redirects=False).status_code == 303


def test_a_retire_post_without_the_confirmation_only_asks(client, db):
    code, token = make_code(client, db)
    sent = client.post(
        f"/staff/qr/{code}/retire", data={"csrf_token": token}, follow_redirects=False
    )
    assert sent.status_code == 303 and sent.headers["location"] == f"/staff/qr/{code}/retire"
    db.expire_all()
    assert db.scalar(select(QrPlacement.retired_at)) is None
    done = client.post(
        f"/staff/qr/{code}/retire",
        data={"csrf_token": token, "confirm": "yes"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    db.expire_all()
    assert db.scalar(select(QrPlacement.retired_at)) is not None
    # Once retired, its confirmation page goes back to the list, with no Retire link.
    again = client.get(f"/staff/qr/{code}/retire", follow_redirects=False)
    assert again.status_code == 303
    assert f'href="/staff/qr/{code}/retire"' not in client.get("/staff/qr").text


def test_another_teams_code_has_no_retire_page(client, db):
    code, _ = make_code(client, db)
    other = factories.staff_user(db, Role.manager, teams=["south"])
    client.cookies.clear()
    signed_in(client, other.email)
    assert client.get(f"/staff/qr/{code}/retire").status_code == 404
