"""'You said, we did' for the public: per team and council-wide, in English or Welsh."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api.actions.service import published as published_actions
from api.actions.service import team_names
from api.models import Action
from api.models.enums import ActionStatus
from api.surveys import names
from frontend.pages import error_page, language_of, render, transaction

router = APIRouter(include_in_schema=False)

# An action as the public reads it: its words, its status and, until done, when it is due.
ActionView = dict[str, str | None]


def action_views(
    actions: list[Action], language: str, teams: dict[int, str] | None = None
) -> list[ActionView]:
    """Each action in the visitor's language (published ones always have their Welsh), with
    how far it has got (a plan must not read as done) and, given `teams`, whose it is: its
    team's name, or "" for a council-wide action (None: not said, as on a thank-you page,
    which shows only the form's team's and the council's)."""
    welsh = language == "cy"
    return [
        {
            "team": None
            if teams is None
            else (teams.get(a.team_id, "") if a.team_id is not None else ""),
            "you_said": (a.you_said_cy if welsh and a.you_said_cy else a.you_said_en),
            "we_did": (a.we_did_cy if welsh and a.we_did_cy else a.we_did_en),
            "status": a.status.value,
            "due": names.day(a.due_on, "cy" if welsh else "en")
            if a.due_on and a.status is not ActionStatus.done
            else None,
        }
        for a in actions
    ]


@router.get("/you-said-we-did", response_class=HTMLResponse)
async def you_said_council(request: Request) -> HTMLResponse:
    """Every published action across the council."""
    language = language_of(request)

    def work(session: Session) -> list[ActionView]:
        actions = published_actions(session)
        return action_views(actions, language, team_names(session, actions, language))

    shown = await transaction(request, work)
    return render(request, "you_said.html", survey_title=None, actions=shown, team_name=None)


@router.get("/you-said-we-did/{team}", response_class=HTMLResponse)
async def you_said_team(request: Request, team: str) -> HTMLResponse:
    """A team's published actions (and the council-wide ones)."""
    language = language_of(request)

    def work(session: Session) -> tuple[list[ActionView], str] | None:
        name = names.team(session, team, "cy" if language == "cy" else "en")
        if name is None:
            return None
        actions = published_actions(session, team=team)
        return action_views(actions, language, team_names(session, actions, language)), name

    found = await transaction(request, work)
    if found is None:
        return error_page(request, 404)
    shown, name = found
    return render(request, "you_said.html", survey_title=None, actions=shown, team_name=name)
