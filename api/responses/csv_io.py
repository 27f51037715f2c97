"""CSV import and export of responses, in one format both ways."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TextIO, TypeVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.redact import redact
from api.accounts.scope import Scope, may_leave
from api.answer_analysis.service import known_names
from api.core import audit
from api.core.config import get_settings
from api.core.errors import DomainError, Forbidden, InvalidInput
from api.models import Answer, CollectionPoint, Response, SurveyQuestion, Team
from api.models.enums import Audience, Channel, Completeness, Language, QuestionKind, ServiceArea
from api.responses import intake
from api.responses.schemas import NOT_APPLICABLE, AnswerValue, Submission
from api.surveys import library
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition, SurveyDefinition

FIXED_COLUMNS = ["submitted_at", "audience", "collection_point", "team", "channel", "language"]
REQUIRED_COLUMNS = {"submitted_at", "audience", "collection_point", "team"}
# What the staff download adds (api/responses/csv_stream.py): read back, they are ignored, so
# a downloaded file imports as it stands.
EXPORT_ONLY_COLUMNS = {
    "response_id",
    "submitted_on",
    "team_name",
    "feeling",
    "themes",
    "theme_labels",
}
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NOT_APPLICABLE_WORDS = {"not_applicable", "n/a", "na", "does not apply", "not applicable"}


@dataclass
class ImportReport:
    stored: int = 0
    already_stored: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)


def guard_cell(value: str) -> str:
    """Make a cell inert in Excel, LibreOffice and Sheets (OWASP CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def unguard_cell(value: str) -> str:
    """Undo guard_cell, so an exported file imports back to the same text."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _scale_words(kind: QuestionKind) -> dict[str, int | str]:
    scale = library.scales().for_kind(kind)
    words: dict[str, int | str] = {}
    for option in scale.options:
        words[option.en.casefold()] = option.value
        words[option.cy.casefold()] = option.value
        words[str(option.value)] = option.value
    for word in (
        *NOT_APPLICABLE_WORDS,
        scale.not_applicable.render_en(),
        scale.not_applicable.render_cy(),
    ):
        words[word.casefold()] = NOT_APPLICABLE
    return words


def _parse_answer(question: QuestionDefinition, cell: str) -> AnswerValue:
    cell = unguard_cell(cell)
    if not cell.strip():
        return None
    if question.is_scaled:
        word = cell.strip().casefold()
        parsed = _scale_words(question.kind).get(word)
        if parsed is None:
            raise ValueError(f"{question.key}: {cell!r} is not 1-5 or an answer label")
        return parsed
    if question.kind is QuestionKind.choice:
        return cell.strip()
    return cell


def _parse_submitted_at(cell: str) -> datetime:
    text = cell.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            # A date alone means that day in the council's time zone.
            return datetime.combine(day, time(12), ZoneInfo(get_settings().timezone))
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"submitted_at: {cell!r} is not an ISO date or date-time") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(get_settings().timezone))
    return moment


def _rows(source: TextIO) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    reader = csv.DictReader(source)
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header

    def numbered() -> Iterator[tuple[int, dict[str, str]]]:
        for row in reader:
            if None in row:
                raise ValueError(f"line {reader.line_num}: more cells than columns")
            yield reader.line_num, {k: (v or "") for k, v in row.items()}

    return header, numbered()


def import_responses(
    session: Session,
    scope: Scope,
    *,
    source: TextIO,
    survey_key: str,
    skip_invalid: bool = False,
    create_teams: bool = False,
) -> ImportReport:
    """Import a CSV through intake. With any bad line, nothing is stored unless skip_invalid."""
    text = source.read()
    file_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    published = surveys.published(session, survey_key)
    definition = published.definition
    report = ImportReport()
    header, rows = _rows(io.StringIO(text))
    missing = REQUIRED_COLUMNS - set(header)
    unknown = [
        h
        for h in header
        if h not in FIXED_COLUMNS
        and h not in EXPORT_ONLY_COLUMNS
        and definition.question(h) is None
    ]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing columns: {', '.join(sorted(missing))}")
        if unknown:
            problems.append(f"columns that are not questions in {survey_key}: {', '.join(unknown)}")
        raise InvalidInput("The header row is wrong: " + "; ".join(problems))

    known_teams = set(session.scalars(select(Team.slug)))
    with session.begin_nested() as whole_file:
        try:
            for line, row in rows:
                _import_row(
                    session, definition, row, line, file_id, known_teams, create_teams, report
                )
        except ValueError as exc:
            report.errors.append((0, str(exc)))
        if report.errors and not skip_invalid:
            whole_file.rollback()
            report.stored = report.already_stored = 0
            report.teams_created = []
            return report
    audit.record(
        session,
        scope,
        action="responses.import",
        object_type="survey",
        object_id=survey_key,
        stored=report.stored,
        errors=len(report.errors),
    )
    return report


def _import_row(
    session: Session,
    definition: SurveyDefinition,
    row: dict[str, str],
    line: int,
    file_id: str,
    known_teams: set[str],
    create_teams: bool,
    report: ImportReport,
) -> None:
    try:
        team = row["team"].strip() or None
        if team and team not in known_teams:
            if not create_teams:
                raise ValueError(f"team: there is no team '{team}' (use --create-teams to add it)")
            session.add(
                Team(slug=team, name=team.replace("-", " ").title(), service_area=ServiceArea.other)
            )
            session.flush()
            known_teams.add(team)
            report.teams_created.append(team)
        answers = {
            key: _parse_answer(question, row[key])
            for key in row
            if (question := definition.question(key)) is not None
        }
        submission = Submission(
            survey=definition.key,
            survey_version=definition.version,
            audience=_enum(Audience, "audience", row["audience"]),
            channel=_enum(Channel, "channel", row.get("channel", "") or Channel.import_.value),
            collection_point=row["collection_point"].strip() or None,
            team=team,
            language=_enum(Language, "language", row.get("language", "") or Language.en.value),
            completeness=Completeness.complete,
            submitted_at=_parse_submitted_at(row["submitted_at"]),
            answers=answers,
            # Importing the same file twice stores nothing new.
            idempotency_key=f"import:{file_id}:{line}",
        )
        with session.begin_nested():
            result = intake.ingest(session, submission=submission)
    except (ValueError, DomainError) as exc:
        report.errors.append((line, _describe(exc)))
        return
    if result.created:
        report.stored += 1
    else:
        report.already_stored += 1


E = TypeVar("E", Audience, Channel, Language)


def _enum(cls: type[E], column: str, cell: str) -> E:
    try:
        return cls(cell.strip())
    except ValueError:
        allowed = ", ".join(member.value for member in cls)
        raise ValueError(f"{column}: {cell.strip()!r} is not one of {allowed}") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    if isinstance(exc, DomainError) and exc.errors:
        return "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
    if isinstance(exc, DomainError):
        return exc.message
    return str(exc).splitlines()[0]


def export_responses(
    session: Session,
    scope: Scope,
    *,
    survey_key: str,
    start: date | None = None,
    end: date | None = None,
    raw: bool = False,
) -> Iterable[list[str]]:
    """Rows of the import format (header first), scoped and guarded; the export is audited.

    Free text is redacted unless `raw` is asked for by a role allowed raw text: an export is
    text leaving the raw store."""
    if raw and not scope.raw_text:
        raise Forbidden("Your role cannot export raw feedback")
    survey = surveys.survey_by_key(session, survey_key)
    keys = list(
        dict.fromkeys(
            q.key
            for d in library.survey_library()
            if d.key == survey_key
            for q in d.questions
            # Equality answers leave only as suppressed counts (decision 48): no column.
            if not q.equality
        )
    )
    query = (
        select(Response, Team.slug, CollectionPoint.key)
        .outerjoin(Team, Team.id == Response.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == Response.collection_point_id)
        .where(Response.survey_id == survey.id, scope.team_filter(Response.team_id))
        .order_by(Response.submitted_at, Response.id)
    )
    if start:
        query = query.where(Response.submitted_on >= start)
    if end:
        query = query.where(Response.submitted_on <= end)
    audit.record(
        session,
        scope,
        action="responses.export_raw" if raw else "responses.export",
        object_type="survey",
        object_id=survey_key,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
    )
    names = () if raw else known_names(session)
    yield [*FIXED_COLUMNS, *keys]
    for batch in session.execute(query.execution_options(yield_per=500)).tuples().partitions():
        ids = [response.id for response, _, _ in batch]
        answers: dict[int, dict[str, str]] = {i: {} for i in ids}
        for answer, key in session.execute(
            select(Answer, SurveyQuestion.key)
            .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
            .where(Answer.response_id.in_(ids))
        ).tuples():
            answers[answer.response_id][key] = _cell(answer, raw=raw, names=names)
        for response, team, point in batch:
            yield [
                response.submitted_at.isoformat(),
                response.audience.value,
                point or "",
                team or "",
                response.channel.value,
                response.language.value,
                *(guard_cell(answers[response.id].get(k, "")) for k in keys),
            ]


def _cell(answer: Answer, *, raw: bool, names: Sequence[str]) -> str:
    if answer.not_applicable:
        return NOT_APPLICABLE
    if answer.scale_value is not None:
        return str(answer.scale_value)
    if answer.text and not may_leave(answer.visibility):
        return ""  # a child chose readers inside the service: their words stay in it
    if answer.text and not raw:
        return redact(answer.text, known_names=names).text
    return answer.choice or answer.text or ""
