"""Theme review: the rights team accepts, corrects or skips one answer at a time; identical
answers are reviewed once; corrections replace the themes; reopening shows the saved review."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from api.answer_analysis import service as answer_analysis
from api.models import AnswerReview, AnswerTheme
from api.models.enums import Role
from api.reviews import service
from tests import factories
from tests.api.reviews.answers import QUESTION, answer
from tests.staff_pages import csrf_of, signed_in


def respond(db, text):
    result = factories.response(
        db,
        team="north",
        answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return result.response


def left(page: str) -> str:
    match = re.search(r"([\d,]+ of [\d,]+ left)", page)
    assert match, "no progress on the page"
    return match.group(1)


def accept(client, page: str, response, **extra):
    return client.post(
        "/staff/review",
        data={
            "csrf_token": csrf_of(page),
            "response": response.public_id,
            "question": QUESTION,
            **extra,
        },
        follow_redirects=False,
    )


def officer_client(client, db, role=Role.rights_team):
    return signed_in(client, factories.staff_user(db, role).email)


def test_only_the_rights_team_and_admins_review(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    assert client.get("/staff/review").status_code == 403
    assert client.get("/staff/review/agreement").status_code == 403


def test_the_untagged_answer_comes_first_and_accepting_it_moves_on_without_javascript(client, db):
    respond(db, "She never came when she said she would")
    untagged = respond(db, "The biscuits were <b>nice</b>")
    page = officer_client(client, db).get("/staff/review").text
    assert "&lt;b&gt;nice&lt;/b&gt;" in page and "never came" not in page  # one at a time
    assert left(page) == "2 of 2 left"
    accepted = accept(client, page, untagged)
    assert accepted.status_code == 303 and accepted.headers["location"] == "/staff/review?done=1"
    after = client.get(accepted.headers["location"]).text
    assert "Saved." in after and "never came" in after and "biscuits" not in after
    assert left(after) == "1 of 2 left"


def test_identical_answers_are_shown_once_and_accepted_together(client, db):
    group = [
        answer(db, text, team=team)
        for text, team in (
            ("She never rings back", "north"),
            ("she never rings back.", "south"),
            ("SHE NEVER RINGS BACK", "north"),
        )
    ]
    answer(db, "Lovely worker", themes=(("caring", "positive", 0.9),))
    page = officer_client(client, db).get("/staff/review").text
    assert "This answer was given 3 times" in page and "Accept for all 3" in page
    assert "North (2)" in page and "South (1)" in page  # its teams beside it
    assert "If you could change one thing" in page  # the question as it was asked
    accepted = accept(client, page, group[0])
    assert accepted.headers["location"] == "/staff/review?done=1&saved=3"
    after = client.get(accepted.headers["location"]).text
    assert "Saved on all 3 identical answers" in after
    assert left(after) == "1 of 4 left"
    assert db.scalar(select(func.count(AnswerReview.id))) == 3


def test_a_group_is_saved_in_one_transaction_or_not_at_all(client, db, monkeypatch):
    group = [answer(db, "She never rings back") for _ in range(3)]
    page = officer_client(client, db).get("/staff/review").text
    written = service._write

    def fail_on_the_third(session, scope, answer_id, *args):
        if session.scalar(select(func.count(AnswerReview.id))) == 2:
            raise RuntimeError("the database went away")
        written(session, scope, answer_id, *args)
        session.flush()

    monkeypatch.setattr(service, "_write", fail_on_the_third)
    assert accept(client, page, group[0]).status_code == 500
    assert db.scalar(select(func.count(AnswerReview.id))) == 0
    sources = set(db.scalars(select(AnswerTheme.source)))
    assert sources == {"rules"}  # the machine's tags stand untouched


def test_skipping_moves_on_saves_nothing_and_the_skipped_answer_comes_back(client, db):
    first = answer(db, "First of all", themes=())
    second = answer(db, "Second thoughts")
    page = officer_client(client, db).get("/staff/review").text
    assert "First of all" in page
    skip_with = re.search(r'name="skipped" value="([^"]+)"', page).group(1)
    assert skip_with == f"{first.public_id}:{QUESTION}"
    skipped = client.get("/staff/review", params={"skipped": skip_with}).text
    assert "Second thoughts" in skipped and left(skipped) == "2 of 2 left"
    done = accept(client, skipped, second, skipped=skip_with)
    assert done.headers["location"].endswith("skipped=" + skip_with.replace(":", "%3A"))
    back = client.get(done.headers["location"]).text
    assert "First of all" in back and "You skipped this earlier" in back


def test_a_skip_list_that_is_not_ours_is_ignored_not_an_error(client, db):
    answer(db, "She never rings back")
    officer_client(client, db)
    for junk in ("nonsense", "a:b:c,<script>", ",,," + "x" * 5000, "not-a-response:one_thing"):
        page = client.get("/staff/review", params={"skipped": junk})
        assert page.status_code == 200 and "She never rings back" in page.text


def test_a_correction_replaces_the_themes_of_the_whole_group(client, db):
    response = respond(db, "She never came when she said she would")
    twin = respond(db, "she never came when she said she would!")
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    url = f"/staff/review/{response.public_id}/{QUESTION}"
    form = client.get(url)
    assert form.status_code == 200 and 'value="negative" checked' in form.text
    assert "Save the correction on all 2" in form.text
    missing = client.post(url, data={"csrf_token": csrf_of(form.text), "theme-caring": "positive"})
    assert missing.status_code == 422 and "Choose how the answer feels" in missing.text
    saved = client.post(
        url,
        data={
            "csrf_token": csrf_of(form.text),
            "theme-reliability": "negative",
            "theme-communication": "negative",
            "sentiment": "negative",
            "note": "Also about not ringing",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    for stored in (response, twin):
        themes = db.scalars(
            select(AnswerTheme.theme).where(AnswerTheme.response_id == stored.id)
        ).all()
        assert sorted(themes) == ["communication", "reliability"]


def test_reopening_a_reviewed_answer_shows_the_saved_review_and_accept_keeps_it(client, db):
    stored = answer(db, "She never rings back", themes=(("communication", "negative", 0.6),))
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    url = f"/staff/review/{stored.public_id}/{QUESTION}"
    form = client.get(url).text
    client.post(
        url,
        data={
            "csrf_token": csrf_of(form),
            "theme-respect": "negative",
            "sentiment": "mixed",
            "note": "About respect, not ringing",
        },
    )
    reopened = client.get(url).text
    assert f"Reviewed by {officer.display_name} on" in reopened
    assert 'name="theme-respect" value="negative" checked' in reopened
    assert 'name="theme-communication" value="" checked' in reopened
    assert 'value="mixed" checked' in reopened and "About respect, not ringing" in reopened
    assert "What the analysis suggested" in reopened  # the machine's, only on asking
    # Accepting it again (a stale tab, say) keeps the person's word, never the machine's.
    accept(client, reopened, stored)
    themes = db.execute(
        select(AnswerTheme.theme, AnswerTheme.source).where(AnswerTheme.response_id == stored.id)
    ).all()
    assert themes == [("respect", "reviewer")]
    latest = db.scalar(select(AnswerReview).order_by(AnswerReview.id.desc()).limit(1))
    assert latest.sentiment_label == "mixed" and latest.note == "About respect, not ringing"


def test_the_page_enhances_itself_with_a_script_and_names_its_keys(client, db):
    answer(db, "She never rings back")
    page = officer_client(client, db).get("/staff/review").text
    assert '<script src="/static/review.js" defer></script>' in page
    assert 'data-review="accept"' in page and 'data-review="skip"' in page
    assert re.search(r"<p class=\"hint\" data-review-keys hidden>Keyboard shortcuts: press A", page)
    script = client.get("/static/review.js")
    assert script.status_code == 200 and "INPUT|TEXTAREA|SELECT" in script.text


def test_nothing_left_says_so(client, db):
    page = officer_client(client, db).get("/staff/review").text
    assert "Nothing to review" in page and left(page) == "0 of 0 left"


def test_the_agreement_figures_have_a_page_of_their_own(client, db):
    stored = [answer(db, f"never rings back {n}") for n in range(6)]
    signed_in(client, factories.staff_user(db, Role.admin).email)
    assert 'href="/staff/review/agreement"' in client.get("/staff/review").text
    page = client.get("/staff/review/agreement")
    assert page.status_code == 200 and "Too few reviews" in page.text
    for response in stored:
        form = client.get(f"/staff/review/{response.public_id}/{QUESTION}").text
        client.post(
            f"/staff/review/{response.public_id}/{QUESTION}",
            data={
                "csrf_token": csrf_of(form),
                "theme-reliability": "negative",
                "sentiment": "negative",
            },
        )
    page = client.get("/staff/review/agreement").text
    assert "Answers reviewed</dt><dd>6" in page
    row = re.sub(r"\s+", "", re.search(r"Doing what they said</th>(.*?)</tr>", page, re.S)[1])
    # Reviewers gave it 6 times; the analysis never did: nothing to be precise about, none found.
    assert row == "<td>6</td><td>–</td><td>0%</td><td>0.00</td>"
    assert "Too few reviews" in re.search(r"Respect</th>(.*?)</tr>", page, re.S).group(1)


def test_words_that_raised_an_alert_say_so_where_they_are_reviewed(client, db):
    """A reviewer must know these words are a safeguarding matter, being dealt with elsewhere:
    "neutral, no theme" is not what they are."""
    from api.models import SafeguardingAlert

    worrying = respond(db, "I don't feel safe at home when dad drinks")
    assert db.scalar(select(SafeguardingAlert.id)) is not None  # raised as it was analysed
    page = officer_client(client, db).get("/staff/review").text
    assert "dad drinks" in page
    assert "A safeguarding alert was raised" in page
    assert "/staff/alerts/" in page  # the rights team handles alerts: the link is there
    correcting = client.get(f"/staff/review/{worrying.public_id}/{QUESTION}").text
    assert "A safeguarding alert was raised" in correcting


def test_the_answer_opens_its_response_and_back_returns_to_the_same_queue(client, db):
    import html

    first = answer(db, "First of all", themes=())
    second = answer(db, "Second thoughts")
    page = officer_client(client, db).get("/staff/review").text
    skip_with = re.search(r'name="skipped" value="([^"]+)"', page).group(1)
    skipped = client.get("/staff/review", params={"skipped": skip_with}).text
    link = re.search(r'href="(/staff/responses/[^"]+)">Open the whole response', skipped)
    assert link is not None
    opened = html.unescape(link.group(1))
    assert opened.startswith(f"/staff/responses/{second.public_id}?back=")
    response_page = client.get(opened).text
    back = re.search(r'<a href="([^"]+)">Back to theme review</a>', response_page)
    assert back is not None
    assert html.unescape(back.group(1)) == f"/staff/review?skipped={skip_with}".replace(":", "%3A")
    del first
