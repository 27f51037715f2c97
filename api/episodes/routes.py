"""Episodes over HTTP, for the roles that read raw answers, within their teams."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.accounts.deps import Staff
from api.episodes import service as episodes
from api.episodes.schemas import (
    AgreementRead,
    CellRead,
    EpisodeDetail,
    EpisodeRead,
    TopicRead,
    VoiceRead,
)

router = APIRouter(prefix="/episodes", tags=["episodes"])


def _read(e: episodes.EpisodeSummary) -> dict[str, object]:
    return {
        "id": e.public_id,
        "case_ref": e.case_ref,
        "event": e.event,
        "team": e.team,
        "collection_point": e.point,
        "occurred_on": e.occurred_on,
        "invited": e.invited,
        "answered": e.answered,
        "voices": list(e.roles),
    }


@router.get("")
async def list_episodes(
    staff: Staff,
    voices: Annotated[int, Query(ge=0, le=20, description="Answered by at least this many.")] = 1,
    start: date | None = None,
    end: date | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[EpisodeRead]:
    """Episodes in your teams, newest first: who was asked and how many answered."""
    return await staff.run(
        lambda session, scope: [
            EpisodeRead.model_validate(_read(e))
            for e in episodes.listing(
                session,
                scope,
                page=page,
                per_page=per_page,
                voices_at_least=voices,
                start=start,
                end=end,
            ).episodes
        ]
    )


@router.get("/agreement")
async def agreement(
    staff: Staff, start: date | None = None, end: date | None = None
) -> list[AgreementRead]:
    """Triangulated: for episodes with a child's and a carer's answer, the share where they
    agree, per shared topic (small numbers suppressed as every figure is)."""
    return await staff.run(
        lambda session, scope: [
            AgreementRead(
                topic=a.topic.key,
                name=a.topic.en,
                episodes=a.share.n,
                agreeing=a.share.count,
                pct=a.share.pct,
            )
            for a in episodes.agreement(session, scope, start=start, end=end)
        ]
    )


@router.get("/{episode_id}")
async def read_episode(staff: Staff, episode_id: str) -> EpisodeDetail:
    """One episode: every voice's answers side by side, where they agree and differ (audited)."""

    def work(session, scope):  # type: ignore[no-untyped-def]
        view = episodes.one(session, scope, episode_id[:64])
        return EpisodeDetail.model_validate(
            {
                **_read(view.summary),
                "voices_answered": [
                    VoiceRead(
                        label=v.label, role=v.role, survey=v.survey, response_id=v.response_id
                    )
                    for v in view.voices
                ],
                "not_answered": list(view.not_answered),
                "topics": [
                    TopicRead(
                        topic=row.topic.key,
                        name=row.topic.en,
                        verdict=row.verdict.value,
                        answers=[
                            CellRead(
                                voice=c.voice,
                                value=c.value,
                                stance=c.stance.value if c.stance else None,
                            )
                            for c in row.cells
                        ],
                    )
                    for row in view.rows
                ],
            }
        )

    return await staff.run(work)
