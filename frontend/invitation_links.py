"""/i/{token}: a personal single-use link from a text or an email invitation.

It opens the web form with the invitation's context attached (team, collection point,
language, channel), so the response counts where it should; once answered, the link shows the
thank-you page and stores nothing more.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.actions.service import published as published_actions
from api.forms import service as forms
from api.invitations import links
from api.invitations import service as invitations
from api.models import CollectionPoint, Survey, Team
from api.models.enums import InvitationStatus
from frontend.outcomes import action_views
from frontend.pages import (
    LANGUAGE_COOKIE,
    error_page,
    is_child_survey,
    language_of,
    render,
    transaction,
)
from frontend.public import draft_cookie, remember_draft

router = APIRouter(include_in_schema=False)


@router.get("/i/{token}")
async def invitation_link(request: Request, token: str) -> Response:
    """Open (or resume) the survey this link was sent for."""
    existing_cookies = dict(request.cookies)

    def work(session: Session) -> tuple[str, ...] | None:
        invitation = links.by_link(session, token)
        if invitation is None:
            return None
        survey = session.scalar(select(Survey.key).where(Survey.id == invitation.survey_id)) or ""
        team = session.get(Team, invitation.team_id) if invitation.team_id else None
        if invitation.status is InvitationStatus.completed:
            return ("answered", survey, team.slug if team else "")
        if invitation.status in (InvitationStatus.expired, InvitationStatus.cancelled):
            return ("closed", survey)
        draft = forms.draft(
            session, token=existing_cookies.get(draft_cookie(survey)), survey_key=survey
        )
        language = invitation.language.value
        if draft is not None and draft.context.get("invitation") == invitation.public_id:
            return ("resume", survey, "", language)
        point = (
            session.get(CollectionPoint, invitation.collection_point_id)
            if invitation.collection_point_id
            else None
        )
        invitations.started(session, invitation)
        context = forms.FormContext(
            channel=invitation.channel,
            language=invitation.language,
            team=team.slug if team else None,
            collection_point=point.key if point else None,
            invitation=invitation.public_id,
        )
        return ("open", survey, forms.start(session, survey_key=survey, context=context), language)

    found = await transaction(request, work)
    if found is None:
        return error_page(request, 404)
    if found[0] == "answered":
        _, survey, team = found
        shown = await transaction(
            request,
            lambda session: action_views(
                published_actions(session, team=team, limit=3) if team else [],
                language_of(request),
            ),
        )
        return render(
            request,
            "thanks.html",
            survey_title=None,
            actions=shown,
            more_url=f"/you-said-we-did/{team}" if team else "/you-said-we-did",
        )
    if found[0] == "closed":
        return render(
            request,
            "closed.html",
            status=410,
            survey_title=None,
            general_url=f"/f/{found[1]}",
            child=is_child_survey(found[1]),
        )
    _, survey, draft_token, language = found
    chosen = request.cookies.get(LANGUAGE_COOKIE) or language
    # The start page first: what happens to the answers, and where to get help now.
    response = RedirectResponse(f"/f/{survey}?{urlencode({'lang': chosen})}", status_code=303)
    if draft_token:
        remember_draft(response, survey, draft_token)
    return response
