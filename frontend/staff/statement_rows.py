"""A statement's figure as the Overview and the comparison page show it: a bar, its words,
its judgement and its links. Counts pass `visible_count`, the one place the small-number
rule for counts inside the dashboard is applied."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from analysis.stats import shown_count
from api.accounts.signin import SignedIn
from api.dashboard.judgement import Judgement, judge
from api.reports import service as reports
from api.reports.schemas import StatementFigure
from frontend.staff import drilldown, share_charts
from frontend.staff.filters import Query
from frontend.staff.language import _


def visible_count(n: int | str, who: SignedIn) -> int | str:
    """A count as this viewer may see it (decision 33): managers, the rights team and admins
    exact, a practitioner "<5" for 1 to 4, so a small team's week does not point at a family."""
    if isinstance(n, str):  # suppressed already, where it was counted
        return n
    return shown_count(n, who.scope.role.value, reports.policy())


@dataclass(frozen=True)
class Row:
    label: str
    judgement: Judgement
    shown: bool  # a share is shown (enough answers)
    pct: float | None
    low: float | None
    high: float | None
    answers: int | str
    disagreed: int | str
    agree_href: str
    disagree_href: str
    chart: Markup

    @property
    def words(self) -> str:
        if self.pct is None or self.low is None or self.high is None:
            return _("Too few answers for a share")
        return _(
            "%(pct)s%% agreed (95%% interval %(low)s–%(high)s%%)",
            pct=f"{self.pct:.0f}",
            low=f"{self.low:.0f}",
            high=f"{self.high:.0f}",
        )


def row(
    chart_id: str,
    figure: StatementFigure,
    *,
    label: str,
    disagreed: int,
    target: int,
    filters: Query,
    who: SignedIn,
) -> Row:
    """One bar: `filters` are the query the links carry (the page's, or one bucket's)."""
    judgement = judge(figure.ci_low, figure.ci_high, target)
    shown = figure.top_two_box_pct is not None and isinstance(figure.n, int) and figure.n > 0
    # A share of disagreement is a share too: shown only beside a share agreeing.
    disagree_pct = disagreed / figure.n * 100 if shown and isinstance(figure.n, int) else None
    agree_href = drilldown.statement(filters, figure.key, drilldown.AGREE)
    disagree_href = drilldown.statement(filters, figure.key, drilldown.DISAGREE)
    bar = share_charts.Bar(
        label=label,
        pct=figure.top_two_box_pct,
        low=figure.ci_low,
        high=figure.ci_high,
        disagree_pct=disagree_pct,
        judgement=judgement,
        agree_href=agree_href,
        disagree_href=disagree_href,
    )
    return Row(
        label=label,
        judgement=judgement,
        shown=shown,
        pct=figure.top_two_box_pct,
        low=figure.ci_low,
        high=figure.ci_high,
        answers=visible_count(figure.n, who),
        disagreed=visible_count(disagreed, who),
        agree_href=agree_href,
        disagree_href=disagree_href,
        chart=share_charts.share_bar(chart_id, bar, target=target),
    )
