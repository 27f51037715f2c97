"""The review queue at volume: identical answers grouped, every unreviewed answer ordered in
SQL, an exact count of what is left, skipping, and one review saved on a whole group."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from analysis.grouping import fold, group_key
from api.accounts.scope import Scope
from api.models import AnswerReview, AnswerTheme, AuditEvent
from api.models.enums import Role
from api.reviews import queue
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate
from tests import factories
from tests.api.reviews.answers import QUESTION, answer

OFFICER = Scope(role=Role.rights_team, label="officer@council.example")


def correction(response, themes=(("communication", "negative"),), sentiment="negative"):
    return ReviewCreate(
        response=response.public_id,
        question=QUESTION,
        themes=[{"id": t, "polarity": p} for t, p in themes],
        sentiment=sentiment,
    )


def test_case_whitespace_and_trailing_punctuation_are_folded_into_one_group(db):
    for text in ("Nothing really", "nothing  really.", "NOTHING\nreally !!", " nothing really"):
        answer(db, text)
    answer(db, "nothing really helped")
    groups = queue.groups(db, OFFICER, limit=10)
    assert sorted(g.size for g in groups) == [1, 4]
    assert {g.key for g in groups} == {
        group_key("nothing really"),
        group_key("nothing really helped"),
    }


def test_commas_apostrophes_and_quotes_do_not_split_a_group(db):
    for text in (
        "She's been great, thanks",
        "shes been great thanks",
        'She\u2019s been "great" thanks',
    ):
        answer(db, text)
    answer(db, "She has been great thanks")
    groups = queue.groups(db, OFFICER, limit=10)
    assert sorted((g.key, g.size) for g in groups) == [
        (group_key("she has been great thanks"), 1),
        (group_key("shes been great thanks"), 3),
    ]


def test_the_key_is_stored_with_the_analysis_and_welsh_letters_fold_too(db):
    stored = answer(db, "Roedd Ŵyn yn GWYCH!")
    from api.models import AnswerAnalysis

    key = db.scalar(select(AnswerAnalysis.group_key).where(AnswerAnalysis.response_id == stored.id))
    assert key == group_key("roedd ŵyn yn gwych")
    assert fold("  Roedd ŴYN, yn \u201cgwych\u201d !! ") == "roedd ŵyn yn gwych"


def test_answers_alike_once_redacted_are_grouped(db):
    answer(db, "Call Dave on 07700 900123", redacted="Call [name] on [phone]")
    answer(db, "Call Sue on 07700 900456", redacted="Call [name] on [phone]")
    assert [g.size for g in queue.groups(db, OFFICER, limit=10)] == [2]


def test_the_same_words_to_another_question_are_another_group(db):
    answer(db, "Nothing")
    answer(db, "Nothing", question="most_helpful")
    assert [g.size for g in queue.groups(db, OFFICER, limit=10)] == [1, 1]


def test_progress_counts_what_is_left_exactly_within_scope(db):
    for n in range(3):
        answer(db, "She never rings back", team="north")
    answer(db, "Lovely worker", team="north")
    answer(db, "Too many workers", team="south")
    reviews.review(db, OFFICER, correction=correction(answer(db, "Late again")))
    assert queue.progress(db, OFFICER) == queue.Progress(left=5, total=6, groups_left=3)
    north = Scope(
        role=Role.manager, label="m", team_ids=frozenset({factories.team(db, "north").id})
    )
    assert queue.progress(db, north) == queue.Progress(left=4, total=5, groups_left=2)


def test_least_confident_first_over_every_unreviewed_answer_not_only_the_newest(db):
    now = datetime.now(UTC)
    for n in range(90):  # more than the old queue's window of the newest 80
        answer(
            db,
            f"sure answer {n}",
            themes=(("communication", "negative", 0.9),),
            submitted_at=now - timedelta(hours=n),
        )
    oldest_unsure = answer(
        db,
        "unsure and old",
        themes=(("respect", "negative", 0.2),),
        submitted_at=now - timedelta(days=60),
    )
    untagged = answer(db, "no theme at all", themes=(), submitted_at=now - timedelta(days=50))
    welsh = answer(
        db,
        "Roedd hi'n garedig",
        themes=(),
        needs_review=True,
        submitted_at=now - timedelta(days=70),
    )
    first_three = queue.groups(db, OFFICER, limit=3)
    ids = [
        reviews.answer_id_of(db, OFFICER, response=r.public_id, question=QUESTION)
        for r in (welsh, untagged, oldest_unsure)
    ]
    assert [g.answer_id for g in first_three] == ids
    api_order = queue.ordered_answers(db, OFFICER, limit=3)
    assert api_order == ids


def test_a_skipped_answer_comes_back_once_only_skipped_ones_are_left(db):
    first = answer(db, "first", themes=())
    second = answer(db, "second")
    skipped = queue.groups_named(db, OFFICER, [(first.public_id, QUESTION)])
    group, came_back = queue.next_group(db, OFFICER, skipped=skipped)
    assert group.key == group_key("second") and not came_back
    reviews.review(db, OFFICER, correction=correction(second), identical=True)
    group, came_back = queue.next_group(db, OFFICER, skipped=skipped)
    assert group.key == group_key("first") and came_back  # skipped, not lost
    assert queue.progress(db, OFFICER).left == 1  # skipping saved nothing


def test_one_review_is_saved_on_every_identical_answer_and_audited(db):
    group = [answer(db, "She never rings back", team=team) for team in ("north", "south", "east")]
    answer(db, "Something else")
    saved = reviews.review(
        db, OFFICER, correction=correction(group[0], [("reliability", "negative")]), identical=True
    )
    assert saved.answers == 3
    rows = db.execute(select(AnswerReview.answer_id, AnswerReview.reviewed_at)).all()
    assert len(rows) == 3 and len({at for _, at in rows}) == 1  # one act, one moment
    themes = db.execute(
        select(AnswerTheme.theme, AnswerTheme.source).where(
            AnswerTheme.response_id.in_([r.id for r in group])
        )
    ).all()
    assert sorted(themes) == [("reliability", "reviewer")] * 3
    assert queue.progress(db, OFFICER).left == 1
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "reviews.review_identical"))
    assert event.detail["count"] == 3


def test_an_identical_answer_a_person_reviewed_differently_keeps_its_review(db):
    first, second, third = (answer(db, "She never rings back") for _ in range(3))
    reviews.review(db, OFFICER, correction=correction(third, [("respect", "negative")]))
    reviews.review(db, OFFICER, correction=correction(first), identical=True)
    latest = dict(
        db.execute(
            select(AnswerTheme.response_id, AnswerTheme.theme).where(
                AnswerTheme.source == "reviewer"
            )
        ).all()
    )
    assert latest == {first.id: "communication", second.id: "communication", third.id: "respect"}
    # Reopened and corrected again, the group reviewed together changes together.
    reviews.review(
        db, OFFICER, correction=correction(second, [("caring", "positive")]), identical=True
    )
    themes = dict(db.execute(select(AnswerTheme.response_id, AnswerTheme.theme)).all())
    assert themes == {first.id: "caring", second.id: "caring", third.id: "respect"}


def test_the_api_queue_still_lists_answers_one_by_one(db):
    for _ in range(2):
        answer(db, "She never rings back")
    assert len(reviews.queue(db, OFFICER, limit=10)) == 2
    assert db.scalar(select(func.count(AuditEvent.id))) == 1
