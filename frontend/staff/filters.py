"""The one filter state of the staff pages, read from the query string and written back to it:
the period (or dates), the response filters the dashboard's tallies keep (team, audience,
collection point, channel) and what only a list of responses can ask (words, a theme and its
polarity, a rating, feeling, language, reviewed, alert). Every link that lists or opens
responses carries as_query(), so paging, opening a response, Previous/Next, Back to responses
and exports keep the same list. A value that is not one of the choices is a clear 422.

The parameter names are a contract other pages link to: period, from, to, team, audience,
point, channel, q, theme, polarity, question, rating, feeling, language, reviewed, alert (and
page, which is not part of the state). team, audience, point and channel may be repeated
(`team=a&team=b`: answers from either team)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from analysis.taxonomy import THEME_IDS
from api.core.errors import FieldError, InvalidInput
from api.dashboard import window
from api.models.enums import Audience, Channel, Language, SentimentLabel, ThemePolarity
from api.responses.filters import MAX_SEARCH, ResponseFilters, ResponseMatch
from api.surveys import library
from frontend.staff.language import N_, _, current

PERIODS = {
    "month": N_("This month"),
    "last-month": N_("Last month"),
    "3m": N_("Last 3 months"),
    "12m": N_("Last 12 months"),
    "quarter": N_("Last full quarter"),
}
NOT_A_CHOICE = N_("'%(value)s' is not one of the choices")
YES_NO = {"yes": True, "no": False}
Query = dict[str, str | list[str]]
RATING = re.compile(r"([1-5])(?:-([1-5]))?")


def scaled_questions() -> dict[str, str]:
    """Every question answered on the 1-5 scale in the survey library: key -> its wording in
    the reader's language (the first survey's, where two surveys share a key)."""
    return _scaled_questions("cy" if current() == "cy" else "en")


@cache  # one per language: a Welsh reader must not get the first English reader's wording
def _scaled_questions(reader: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for definition in library.survey_library():
        for question in definition.questions:
            if question.is_scaled and question.key not in found:
                found[question.key] = question.text.render(Language(reader), None)
    return found


@dataclass(frozen=True)
class PageFilters:
    period: str
    start: date
    end: date
    responses: ResponseFilters
    match: ResponseMatch = field(default_factory=ResponseMatch)

    @classmethod
    def parse(cls, params: QueryParams, *, today: date | None = None) -> PageFilters:
        """The state of a query string (as parse() below; today by default)."""
        return parse(params, today=today or date.today())

    @property
    def more(self) -> bool:
        """Whether any filter kept under "More filters" is set (the form opens it then)."""
        r, m = self.responses, self.match
        folded: list[object] = [r.audiences, r.points, r.channels, m.polarity, m.question]
        folded += [m.feeling, m.language, m.reviewed is not None, m.alert is not None]
        return any(folded)

    def as_query(self) -> Query:
        """The state as query parameters, only those set (page left out); a filter with several
        values is a list (`team=a&team=b`): write it with query_string(), which repeats them."""
        r, m = self.responses, self.match
        rating = None
        if m.rating:
            low, high = m.rating
            rating = str(low) if low == high else f"{low}-{high}"
        values: dict[str, str | list[str] | None] = {"period": self.period}
        if self.period == "custom":
            values |= {"from": self.start.isoformat(), "to": self.end.isoformat()}
        values |= {
            "team": _one_or_many(r.teams),
            "audience": _one_or_many([a.value for a in r.audiences]),
            "point": _one_or_many(r.points),
            "channel": _one_or_many([c.value for c in r.channels]),
            "q": m.words or None,
            "theme": m.theme,
            "polarity": m.polarity.value if m.polarity else None,
            "question": m.question,
            "rating": rating,
            "feeling": m.feeling.value if m.feeling else None,
            "language": m.language.value if m.language else None,
            "reviewed": _yes_no(m.reviewed),
            "alert": _yes_no(m.alert),
        }
        return {k: v for k, v in values.items() if v}


def _one_or_many(values: Sequence[str]) -> str | list[str] | None:
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def query_string(query: Mapping[str, str | list[str]]) -> str:
    """A state (as_query(), perhaps with more keys) as a query string, several values of one
    filter repeated: `team=a&team=b`."""
    return urlencode(query, doseq=True)


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def period_dates(period: str, today: date) -> tuple[date, date]:
    if period == "month":
        return today.replace(day=1), today
    if period == "last-month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if period == "quarter":  # the same window the digest's shares come from
        return window.overview_quarter(today)
    if period == "3m":
        return today - timedelta(days=91), today
    return today - timedelta(days=365), today


def _choice(params: QueryParams, name: str, kind: Any, errors: list[FieldError]) -> Any:
    value = params.get(name) or None
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        errors.append(FieldError(name, _(NOT_A_CHOICE, value=value[:40])))
        return None


def _values(params: QueryParams, name: str) -> list[str]:
    """Every value of a filter that may be repeated (`team=a&team=b`); a comma list in one
    value (`team=a,b`) is read the same, for links typed by hand."""
    return [v.strip() for value in params.getlist(name) for v in value.split(",") if v.strip()]


def _choices(params: QueryParams, name: str, kind: Any, errors: list[FieldError]) -> list[Any]:
    found = []
    for value in _values(params, name):
        try:
            found.append(kind(value))
        except ValueError:
            errors.append(FieldError(name, _(NOT_A_CHOICE, value=value[:40])))
    return found


def _day(params: QueryParams, name: str, errors: list[FieldError]) -> date | None:
    value = params.get(name) or None
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(name, _("use a date like 2026-11-01")))
        return None


def _period(params: QueryParams, today: date, errors: list[FieldError]) -> tuple[str, date, date]:
    start, end = _day(params, "from", errors), _day(params, "to", errors)
    # Dates typed in are the period, whatever the Period list says: the form has no script
    # to switch the list to "Dates below", and a date someone typed is never ignored.
    period = "custom" if start or end else (params.get("period") or "month")
    if period == "custom":
        start = start or (end or today) - timedelta(days=30)
        end = end or today
        if start > end:
            errors.append(FieldError("from", _("is after 'to'")))
        elif (end - start).days > 3 * 366:
            errors.append(FieldError("from", _("choose at most three years")))
        return period, start, end
    if period not in PERIODS:
        errors.append(FieldError("period", _("is not one of the choices")))
        period = "month"
    return (period, *period_dates(period, today))


def _rating(params: QueryParams, errors: list[FieldError]) -> tuple[int, int] | None:
    value = params.get("rating") or None
    if value is None:
        return None
    found = RATING.fullmatch(value.strip())
    if found is None:
        errors.append(FieldError("rating", _("use a rating from 1 to 5, or a range like 1-2")))
        return None
    low = int(found.group(1))
    high = int(found.group(2) or low)
    if low > high:
        errors.append(FieldError("rating", _("put the lower rating first, like 1-2")))
        return None
    return low, high


def _match(params: QueryParams, errors: list[FieldError]) -> ResponseMatch:
    theme = params.get("theme") or None
    if theme is not None and theme not in THEME_IDS:
        errors.append(FieldError("theme", _("is not a theme")))
    question = params.get("question") or None
    if question is not None and question not in scaled_questions():
        errors.append(FieldError("question", _("is not a statement or question with a rating")))
    rating = _rating(params, errors)
    if rating and not question:
        errors.append(FieldError("rating", _("choose the statement the rating is for")))
    yes_no = {}
    for name in ("reviewed", "alert"):
        value = params.get(name) or None
        if value is not None and value not in YES_NO:
            errors.append(FieldError(name, _("is yes or no")))
        yes_no[name] = YES_NO.get(value or "")
    return ResponseMatch(
        words=(params.get("q") or "").strip()[:MAX_SEARCH],
        theme=theme,
        polarity=_choice(params, "polarity", ThemePolarity, errors),
        question=question,
        rating=rating,
        feeling=_choice(params, "feeling", SentimentLabel, errors),
        language=_choice(params, "language", Language, errors),
        reviewed=yes_no["reviewed"],
        alert=yes_no["alert"],
    )


def parse(params: QueryParams, *, today: date) -> PageFilters:
    """The filter state of a query string; InvalidInput (422) naming each bad value."""
    errors: list[FieldError] = []
    period, start, end = _period(params, today, errors)
    filters = ResponseFilters(
        team=_values(params, "team"),
        collection_point=_values(params, "point"),
        audience=_choices(params, "audience", Audience, errors),
        channel=_choices(params, "channel", Channel, errors),
    )
    match = _match(params, errors)
    if errors:
        raise InvalidInput(
            _(
                "Some filters could not be used: %(problems)s.",
                problems="; ".join(f"{e.field} {e.message}" for e in errors),
            ),
            errors=errors,
        )
    return PageFilters(period=period, start=start, end=end, responses=filters, match=match)


def page_number(params: QueryParams) -> int:
    """The list's page from ?page=, 1 when it is missing or not a number."""
    try:
        return max(1, int(params.get("page") or 1))
    except ValueError:
        return 1
