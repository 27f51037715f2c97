"""Surveys in the database: synced from the library, looked up for intake and reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core import reference_cache
from api.core.errors import LibraryError, NotFound
from api.models import CollectionPoint, Survey, SurveyQuestion, SurveyVersion
from api.surveys import library
from api.surveys.definitions import QuestionDefinition, SurveyDefinition


@dataclass(frozen=True)
class PublishedSurvey:
    """One survey version as intake needs it: its definition and its question ids by key."""

    survey_id: int
    version_id: int
    definition: SurveyDefinition
    question_ids: dict[str, int]

    def question(self, key: str) -> QuestionDefinition | None:
        return self.definition.question(key)


def sync_library(session: Session) -> list[str]:
    """Insert library surveys and versions the database lacks; refuse a changed version."""
    added: list[str] = []
    for definition in library.survey_library():
        survey = session.scalar(select(Survey).where(Survey.key == definition.key))
        if survey is None:
            survey = Survey(
                key=definition.key, audience=definition.audience, title_en="", title_cy=""
            )
            session.add(survey)
        survey.title_en = definition.title.render_en()
        survey.title_cy = definition.title.render_cy()
        survey.audience = definition.audience
        session.flush()
        existing = session.scalar(
            select(SurveyVersion).where(
                SurveyVersion.survey_id == survey.id, SurveyVersion.version == definition.version
            )
        )
        digest = library.checksum(definition)
        if existing is not None:
            if existing.checksum != digest:
                raise LibraryError(
                    f"survey {definition.key} version {definition.version} differs from the one "
                    "already published; versions are immutable, so add a new version file"
                )
            continue
        version = SurveyVersion(
            survey_id=survey.id,
            version=definition.version,
            definition=definition.model_dump(mode="json"),
            checksum=digest,
        )
        session.add(version)
        session.flush()
        session.add_all(
            SurveyQuestion(
                survey_version_id=version.id,
                key=q.key,
                position=position,
                kind=q.kind,
                is_statement=q.statement,
                required=q.required,
            )
            for position, q in enumerate(definition.questions, start=1)
        )
        added.append(f"{definition.key} v{definition.version}")
    session.flush()
    return added


def sync_collection_points(session: Session, extra_file: Path | None) -> None:
    """Make the collection points table match the packaged list plus the council's file."""
    for point in library.collection_points(extra_file):
        row = session.scalar(select(CollectionPoint).where(CollectionPoint.key == point.key))
        if row is None:
            row = CollectionPoint(key=point.key, name_en="", name_cy="", tense=point.tense)
            session.add(row)
        row.name_en, row.name_cy, row.tense = point.en, point.cy, point.tense
    session.flush()


def published(session: Session, survey_key: str, version: int | None = None) -> PublishedSurvey:
    """The given version of a survey, or its newest, ready for intake (cached per process)."""
    found = reference_cache.for_session(session).get(
        ("survey", survey_key, version), lambda: _load_published(session, survey_key, version)
    )
    if found is None:
        raise NotFound(
            f"There is no survey '{survey_key}'" + (f" version {version}" if version else "")
        )
    return found


def _load_published(
    session: Session, survey_key: str, version: int | None
) -> PublishedSurvey | None:
    query = (
        select(SurveyVersion.id, SurveyVersion.version, Survey.id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .where(Survey.key == survey_key, Survey.active.is_(True))
    )
    if version is not None:
        query = query.where(SurveyVersion.version == version)
    row = session.execute(query.order_by(SurveyVersion.version.desc()).limit(1)).first()
    if row is None:
        return None
    version_id, version_number, survey_id = row
    question_ids = {
        key: question_id
        for key, question_id in session.execute(
            select(SurveyQuestion.key, SurveyQuestion.id).where(
                SurveyQuestion.survey_version_id == version_id
            )
        ).tuples()
    }
    return PublishedSurvey(
        survey_id, version_id, _definition(survey_key, version_number), question_ids
    )


def version_number(session: Session, version_id: int) -> int:
    """The version number of a survey version id (cached per process: versions are immutable)."""
    number = reference_cache.for_session(session).get(
        ("survey_version", version_id),
        lambda: session.scalar(select(SurveyVersion.version).where(SurveyVersion.id == version_id)),
    )
    if number is None:
        raise NotFound("There is no such survey version")
    return number


def definition_of_version(session: Session, version_id: int) -> SurveyDefinition:
    """The definition a stored response was answered on."""
    survey_key = session.scalar(
        select(Survey.key)
        .join(SurveyVersion, SurveyVersion.survey_id == Survey.id)
        .where(SurveyVersion.id == version_id)
    )
    if survey_key is None:
        raise NotFound("There is no such survey version")
    return _definition(survey_key, version_number(session, version_id))


def definition(survey_key: str, version: int) -> SurveyDefinition:
    """A published version's definition, from the library shipped with the code."""
    return _definition(survey_key, version)


def _definition(survey_key: str, version: int) -> SurveyDefinition:
    for definition in library.survey_library():
        if definition.key == survey_key and definition.version == version:
            return definition
    raise LibraryError(f"survey {survey_key} v{version} is in the database but not the library")


def list_surveys(session: Session) -> list[tuple[Survey, int]]:
    """Active surveys with their newest version number."""
    newest = func.max(SurveyVersion.version)
    rows = session.execute(
        select(Survey, newest)
        .join(SurveyVersion, SurveyVersion.survey_id == Survey.id)
        .where(Survey.active.is_(True))
        .group_by(Survey.id)
        .order_by(Survey.key)
    ).tuples()
    return list(rows)


def statement_questions(session: Session, survey_id: int) -> dict[int, str]:
    """Question id -> key for the statements of every version of a survey (versions are
    immutable: remembered for a minute, so a new version is seen within one)."""

    def load() -> dict[int, str] | None:
        rows = session.execute(
            select(SurveyQuestion.id, SurveyQuestion.key)
            .join(SurveyVersion, SurveyVersion.id == SurveyQuestion.survey_version_id)
            .where(SurveyVersion.survey_id == survey_id, SurveyQuestion.is_statement.is_(True))
        ).tuples()
        return {question_id: key for question_id, key in rows} or None

    found = reference_cache.for_session(session).get(("statement_questions", survey_id), load)
    return dict(found or {})


def survey_keys(session: Session) -> dict[int, str]:
    """Survey id -> key (never change once written; remembered for a minute)."""

    def load() -> dict[int, str] | None:
        return dict(session.execute(select(Survey.id, Survey.key)).tuples().all()) or None

    return dict(reference_cache.for_session(session).get(("survey_keys",), load) or {})


def survey_by_key(session: Session, key: str) -> Survey:
    survey = session.scalar(select(Survey).where(Survey.key == key))
    if survey is None:
        raise NotFound(f"There is no survey '{key}'")
    return survey


def collection_point_names(session: Session) -> dict[int, str]:
    """Collection point id -> English name (remembered for a minute)."""

    def load() -> dict[int, str] | None:
        query = select(CollectionPoint.id, CollectionPoint.name_en)
        return dict(session.execute(query).tuples().all()) or None

    return dict(reference_cache.for_session(session).get(("collection_point_names",), load) or {})
