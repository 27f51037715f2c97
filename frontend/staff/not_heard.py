"""The Overview's "Who we are not hearing": the caseload's groups named in the reader's
language, every count and share through the one suppression function for this reader
(decision 33), and each gap in a plain sentence (decision 46)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.response_gaps import Gap, GroupCounts
from analysis.stats import shown_share
from api.accounts.signin import SignedIn
from api.dashboard.not_heard import CHARACTERISTIC, POINT_SEPARATOR, NotHeard
from api.invitations import characteristics
from api.reports import service as reports
from api.surveys import names
from frontend.staff.language import N_, _, current
from frontend.staff.statement_rows import visible_count

DIMENSION_NAMES = {
    "audience_point": N_("Audience and collection point"),
    "age_band": N_("Age band of the child"),
    "language": N_("Language"),
    "team": N_("Team"),
}
LANGUAGES = {"en": N_("English"), "cy": N_("Welsh")}
AGE_BANDS = {
    "0-4": N_("Aged 0 to 4"),
    "5-7": N_("Aged 5 to 7"),
    "8-12": N_("Aged 8 to 12"),
    "13-17": N_("Aged 13 to 17"),
    "18+": N_("Care leavers, 18 and over"),
}


@dataclass(frozen=True)
class Row:
    label: str
    caseload: int | str
    invited: int | str
    reached: int | str
    responded: int | str
    rate: float | None  # responded of invited, None under the share threshold
    heard: float | None  # responded of the caseload
    well_below: bool


@dataclass(frozen=True)
class Table:
    key: str
    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    tables: tuple[Table, ...]
    gaps: tuple[str, ...]  # the sentences
    caseload: int | str


def section(session: Session, found: NotHeard | None, who: SignedIn) -> Section | None:
    """The section as this reader may see it; None when no case event named anyone."""
    if found is None or not found.groups:
        return None
    namer = _Namer(session)
    flagged = {(g.dimension, g.group) for g in found.gaps}
    role, policy = who.scope.role.value, reports.policy()

    def row(group: GroupCounts) -> Row:
        return Row(
            label=namer.group(group.dimension, group.group),
            caseload=visible_count(group.caseload, who),
            invited=visible_count(group.invited, who),
            reached=visible_count(group.reached, who),
            responded=visible_count(group.responded, who),
            rate=shown_share(group.responded, group.invited, role, policy).pct,
            heard=shown_share(group.responded, group.caseload, role, policy).pct,
            well_below=(group.dimension, group.group) in flagged,
        )

    return Section(
        tables=tuple(
            Table(
                key=dimension.replace(":", "-"),
                label=namer.dimension(dimension),
                rows=tuple(row(g) for g in found.dimension(dimension)),
            )
            for dimension in found.dimensions
        ),
        gaps=tuple(sentence(gap, namer) for gap in found.gaps),
        caseload=visible_count(found.caseload, who),
    )


def sentence(gap: Gap, namer: _Namer) -> str:
    """'Young person, Case closure: 6% of those invited answered, against 31% of the rest.'"""
    pct, rest = f"{gap.pct:.0f}", f"{gap.rest_pct:.0f}"
    return _(
        "%(group)s: %(pct)s%% of those invited answered, against %(rest)s%% of everyone else"
        " invited (by %(dimension)s). A gap this size is unlikely to be chance.",
        group=namer.group(gap.dimension, gap.group),
        pct=pct,
        rest=rest,
        dimension=namer.dimension(gap.dimension).lower(),
    )


class _Namer:
    def __init__(self, session: Session) -> None:
        self.lang: names.Lang = "cy" if current() == "cy" else "en"
        self.teams = names.teams(session, self.lang)
        self.points = names.points(session, self.lang)
        self.chosen = characteristics.current()

    def dimension(self, key: str) -> str:
        if key.startswith(CHARACTERISTIC):
            name = key.removeprefix(CHARACTERISTIC)
            found = self.chosen.get(name)
            return (found.cy if self.lang == "cy" else found.en) if found else name
        return _(DIMENSION_NAMES.get(key, key))

    def group(self, dimension: str, key: str) -> str:
        if dimension == "audience_point":
            audience, _sep, point = key.partition(POINT_SEPARATOR)
            return _(
                "%(audience)s, %(point)s",
                audience=names.audience(audience, self.lang),
                point=self.points.get(point, point) if point else _("no collection point"),
            )
        if dimension == "age_band":
            return _(AGE_BANDS.get(key, key))
        if dimension == "language":
            return _(LANGUAGES.get(key, key))
        if dimension == "team":
            return self.teams.get(key, key)
        found = self.chosen.get(dimension.removeprefix(CHARACTERISTIC))
        return found.label(key, self.lang) if found else key
