"""The names staff read for the codes stored: sentences, not enum values."""

from datetime import UTC, date, datetime

from analysis import taxonomy
from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.digests import content, render
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import containing
from frontend.staff import labels
from tests import factories


def test_the_history_and_the_names_read_as_sentences_not_codes():
    assert labels.history_line("new", "asked for help", None) == (
        "Raised: the person asked for help",
        None,
    )
    assert labels.history_line("new", "analysis", "Also raised by the words") == (
        "Also raised: the analysis of their words",
        None,
    )
    assert labels.history_line("referred", "Sam Duty", "MASH ref 77") == (
        "Referred to children's social care, by Sam Duty",
        "MASH ref 77",
    )
    assert labels.concern("self_harm_suicide") == "Self-harm or suicide"
    assert labels.survey("young-person", "What do you think?") == (
        "Young people's survey (“What do you think?”)"
    )


def test_one_name_for_a_theme_from_the_taxonomy_in_english_and_welsh():
    same_worker = taxonomy.load().theme("consistency")
    assert labels.theme("consistency") == same_worker.label_en == "Same worker"
    assert labels.theme_cy("consistency") == same_worker.label_cy == "Yr un gweithiwr"
    assert labels.theme("a_theme_of_an_older_taxonomy") == "A theme of an older taxonomy"


def test_channels_audiences_surveys_statements_and_periods_read_as_words():
    assert labels.channel("sms") == "Text message" and labels.channel("sms", "cy") == "Neges destun"
    assert labels.audience("parent_carer") == "Parents and carers"
    assert labels.survey_name("parent-carer") == "Parents' and carers' survey"
    assert labels.statement("parent-carer", "listened_to") == "I felt listened to and understood"
    assert labels.polarity("negative") == "worries"
    week = (date(2026, 11, 23), date(2026, 11, 30))
    assert labels.period("2026-W48", *week) == "Week of 23 November 2026"
    assert labels.period("2026-W48", *week, "cy") == "Wythnos yn dechrau 23 Tachwedd 2026"
    assert labels.period("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)) == (
        "October to December 2026"
    )
    assert labels.period("2026-11", date(2026, 11, 1), date(2026, 12, 1), "cy") == "Tachwedd 2026"


def test_the_digest_and_the_dashboard_name_a_theme_the_same_way(db):
    for n in range(8):
        when = datetime(2026, 11, 25, 12, tzinfo=UTC) if n < 6 else datetime(2026, 9, 2, tzinfo=UTC)
        text = "She never turned up when she said she would" if n < 6 else "She was kind"
        stored = factories.response(
            db,
            team="north",
            submitted_at=when,
            answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
        )
        answer_analysis.analyse_response(db, response_id=stored.response.id)
    row = forums.create(
        db,
        Scope.system("test"),
        definition=ForumDefinition.model_validate(
            {"key": "north", "name": "North", "schedule": {"cadence": "weekly"}, "rules": [{}]}
        ),
    )
    built = content.build(db, row, containing(date(2026, 11, 25), "weekly"))
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    assert f"{labels.theme('reliability')} (worries)" in text
    assert "Reliability (" not in text  # the digest's own old name for it
