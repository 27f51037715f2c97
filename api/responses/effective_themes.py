"""An answer's themes as people read and count them: when a person has reviewed an answer, its
themes are the reviewer's (the person's word wins); otherwise the machine's.

The review service already replaces the machine's rows when a person corrects an answer, and
re-analysis leaves a reviewed answer's rows alone, but a correction that removed every theme
leaves no reviewer row at all. This rule holds either way, so filters and exports never count
a tag a person has taken off. It is one SQL expression, for any query over `answer_themes`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import aliased

from api.models import AnswerReview, AnswerTheme

REVIEWER = "reviewer"


def is_effective(row: Any = AnswerTheme) -> ColumnElement[bool]:
    """True for a theme row that counts: a reviewer's row, or the machine's row on an answer no
    person has reviewed. `row` is AnswerTheme or an alias of it."""
    other = aliased(AnswerTheme)
    return or_(
        row.source == REVIEWER,
        and_(
            ~exists().where(AnswerReview.answer_id == row.answer_id),
            ~exists().where(other.answer_id == row.answer_id, other.source == REVIEWER),
        ),
    )


def select_effective() -> Select[Any]:
    """Every theme that counts: (response_id, answer_id, theme, polarity)."""
    return select(
        AnswerTheme.response_id, AnswerTheme.answer_id, AnswerTheme.theme, AnswerTheme.polarity
    ).where(is_effective())
