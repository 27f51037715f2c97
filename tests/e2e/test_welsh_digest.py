"""A forum's digest email in Welsh and in both languages, as its members open it from the
archive, in a real browser: axe-clean, no sideways scrolling at 390, 768 and 1280 px, every
part marked with its language, and the trend pictures described in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.models.enums import Role
from tests import factories
from tests.e2e.test_staff_pages import sideways, sign_in
from tests.e2e.test_young_person_form import check_accessibility
from tests.live import live_server

WIDTHS = (390, 768, 1280)


@pytest.fixture
def digests(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    now = datetime.now(UTC)
    found: dict[str, int] = {}
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "front-door")
        officer = factories.staff_user(session, Role.rights_team).email
        for n in range(60):  # four months of answers, agreeing more as time goes on
            stored = factories.response(
                session,
                team="front-door",
                submitted_at=now - timedelta(days=n * 2 + 1),
                answers=factories.parent_answers(
                    one_thing_to_change="Nobody rang me back" if n % 2 else "",
                    most_helpful="My worker was kind and listened" if n % 3 else "",
                    listened_to=5 if n < 30 else 2,
                ),
            )
            answer_analysis.analyse_response(session, response_id=stored.response.id)
        week = (now - timedelta(days=7)).isocalendar()
        for language in ("cy", "both"):
            row = forums.create(
                session,
                factories.scope_of(Role.admin),
                definition=ForumDefinition.model_validate(
                    {
                        "key": f"huddle-{language}",
                        "name": "Huddle",
                        "schedule": {"cadence": "weekly"},
                        "members": ["m@council.example"],
                        "rules": [{"teams": ["front-door"]}],
                        "language": language,
                        "send_when_empty": True,
                    }
                ),
            )
            digest = delivery.queue(session, row, f"{week.year}-W{week.week:02d}")
            assert digest is not None
            found[language] = digest
    for digest in found.values():
        with Session(fresh_database.engine) as session:  # sending commits mid-way (decision 35)
            delivery.send(session, {"digest_id": digest})
            session.commit()
    with live_server() as base:
        yield {"base": base, "officer": officer, **{f"digest_{k}": v for k, v in found.items()}}
    get_settings.cache_clear()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_welsh_and_the_bilingual_digest_read_well_at_every_width(browser, digests, width):
    base = digests["base"]
    page = sign_in(browser, base, digests["officer"], width)
    page.goto(f"{base}/staff/digests/{digests['digest_cy']}/email")
    assert page.get_attribute("html", "lang") == "cy"
    text = page.inner_text("body")
    assert "beth ddywedodd pobl wrthym" in text and "Rhybuddion diogelu" in text
    assert "Safeguarding alerts" not in text
    alts = page.locator("img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert alts and all(alt.startswith("Cyfran sy'n cytuno bob mis.") for alt in alts)
    check_accessibility(page, f"digest-cy-{width}")
    assert not sideways(page), sideways(page)
    page.goto(f"{base}/staff/digests/{digests['digest_both']}/email")
    assert page.locator('[lang="en"]#digest-en').count() == 1
    assert page.locator('[lang="cy"]#digest-cy').count() == 1
    text = page.inner_text("body")
    assert text.index("Safeguarding alerts") < text.index("Rhybuddion diogelu")
    check_accessibility(page, f"digest-both-{width}")
    assert not sideways(page), sideways(page)
    page.context.close()
