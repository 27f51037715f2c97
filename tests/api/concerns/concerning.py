"""Possible concerns for tests, independent of where the shipped base model's thresholds fall:
these wrap the real analysis with the rules alone (which give only alert or none) so that what
they call none is a concern (a real result, with only its level and score changed), and make
concerns through the real analysis service. The tiers themselves are tested in
tests/analysis/test_pipeline.py."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.pipeline import Analysis, analyse
from analysis.safeguarding import Level
from api.answer_analysis import service as answer_analysis
from api.models import PossibleConcern
from tests import factories

SCORE = 0.31
WORDS = "I dont really like it when mum shouts at night"


def as_concern(result: Analysis, score: float = SCORE) -> Analysis:
    """A real result whose safeguarding the analysis was not sure of."""
    if result.safeguarding.level is not Level.none:
        return result  # an alert stays an alert
    return replace(
        result, safeguarding=replace(result.safeguarding, level=Level.concern, score=score)
    )


def concerned(*args: Any, **kwargs: Any) -> Analysis:
    return as_concern(analyse(*args, **{**kwargs, "base": "none"}))


def only_unsure(*args: Any, **kwargs: Any) -> Analysis:
    """An analysis that calls even a disclosure only a concern (a model replacing the rules)."""
    result = analyse(*args, **{**kwargs, "base": "none"})
    safeguarding = replace(result.safeguarding, categories=(), level=Level.concern)
    return replace(result, safeguarding=safeguarding)


@pytest.fixture
def unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis is unsure of every answer that does not raise an alert."""
    monkeypatch.setattr(answer_analysis, "analyse", concerned)


def concern(
    session: Session,
    *,
    team: str | None = "north",
    words: str = WORDS,
    survey: str = "young-person",
    question: str = "worries",
) -> PossibleConcern:
    """A response analysed (with `unsure` in place) into one possible concern."""
    stored = factories.response(
        session, team=team, survey=survey, answers={question: words}
    ).response
    answer_analysis.analyse_response(session, response_id=stored.id)
    found = session.scalar(select(PossibleConcern).where(PossibleConcern.response_id == stored.id))
    assert found is not None, "the analysis did not call it a concern"
    return found
