"""Surveys, teams and collection points: the reference data every channel needs."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.accounts.deps import Staff
from api.models import CollectionPoint, Team
from api.models.enums import Language, QuestionKind, ServiceArea, Tense
from api.surveys import library
from api.surveys import service as surveys
from api.surveys.definitions import SurveyDefinition
from api.surveys.schemas import QuestionRead, SurveyRead

router = APIRouter(tags=["reference data"])


class TeamRead(BaseModel):
    slug: str
    name: str
    name_cy: str | None = Field(None, description="The team's Welsh name, if the council gave one.")
    service_area: ServiceArea


class CollectionPointRead(BaseModel):
    key: str
    name: dict[str, str]
    tense: Tense


def _survey_read(definition: SurveyDefinition, *, with_questions: bool) -> SurveyRead:
    read = SurveyRead(
        key=definition.key,
        version=definition.version,
        audience=definition.audience,
        title={"en": definition.title.render_en(), "cy": definition.title.render_cy()},
        welsh_review=definition.welsh_review,
    )
    if with_questions:
        agreement = library.scales()
        read.questions = []
        for q in definition.questions:
            options: list[dict[str, str | int]] = [
                o.model_dump(exclude_none=True) for o in q.options
            ]
            if q.kind in (QuestionKind.agreement, QuestionKind.faces):
                scale = agreement.for_question(q)
                options = [o.model_dump(exclude_none=True) for o in scale.options]
                if scale.not_applicable is not None:
                    options.append(
                        {
                            "value": "not_applicable",
                            "en": scale.not_applicable.render_en(),
                            "cy": scale.not_applicable.render_cy(),
                        }
                    )
            read.questions.append(
                QuestionRead(
                    key=q.key,
                    kind=q.kind,
                    statement=q.statement,
                    required=q.required,
                    equality=q.equality,
                    text={
                        lang.value: {t.value: q.text.render(lang, t) for t in Tense}
                        for lang in Language
                    },
                    options=options,
                )
            )
    return read


@router.get("/surveys")
async def list_surveys(staff: Staff) -> list[SurveyRead]:
    """Active surveys, newest version of each."""
    return await staff.run(
        lambda session, _scope: [
            _survey_read(surveys.published(session, s.key, v).definition, with_questions=False)
            for s, v in surveys.list_surveys(session)
        ]
    )


@router.get("/surveys/{key}")
async def get_survey(key: str, staff: Staff, version: int | None = None) -> SurveyRead:
    """One survey version (the newest by default) with its questions in English and Welsh."""
    published = await staff.run(lambda session, _scope: surveys.published(session, key, version))
    return _survey_read(published.definition, with_questions=True)


@router.get("/teams")
async def list_teams(staff: Staff) -> list[TeamRead]:
    """The teams you can see."""
    return await staff.run(
        lambda session, scope: [
            TeamRead(slug=t.slug, name=t.name, name_cy=t.name_cy, service_area=t.service_area)
            for t in session.scalars(
                select(Team)
                .where(Team.active.is_(True), scope.team_filter(Team.id))
                .order_by(Team.name)
            )
        ]
    )


@router.get("/collection-points")
async def list_collection_points(staff: Staff) -> list[CollectionPointRead]:
    """The points of a child's journey where feedback is collected."""
    return await staff.run(
        lambda session, _scope: [
            CollectionPointRead(key=p.key, name={"en": p.name_en, "cy": p.name_cy}, tense=p.tense)
            for p in session.scalars(
                select(CollectionPoint)
                .where(CollectionPoint.active.is_(True))
                .order_by(CollectionPoint.id)
            )
        ]
    )
