"""Shared phones and reception tablets: "carry on or start again" when a browser already
holds an unfinished draft, and the "Exit this page" link's way out.

Exit: the link goes to /f/{survey}/exit, which makes this browser forget its draft and sends
it on to the neutral site (settings.exit_page_url). Why through us and not straight there:
the exit script replaces only the current page in the history, so Back from the neutral site
lands on the question before it; without the cookie that page is the form's start page, not
the person's answers. The draft itself is kept (it becomes a partial response when it goes
idle, as any abandoned form does): nothing said is lost, and opening the form again in an
ordinary way still resumes. It costs one redirect with no database work.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.forms import resume
from api.forms import service as forms
from api.models.enums import Language, Tense
from api.surveys.definitions import SurveyDefinition
from frontend import security
from frontend.drafts import draft_cookie, forget_draft, refused, remember_draft, with_csrf
from frontend.pages import EXIT_AUDIENCES, render, transaction

router = APIRouter(include_in_schema=False)


def exit_url(survey: str, definition: SurveyDefinition) -> str | None:
    """Children's and parents' form pages have an exit; professionals' do not need one."""
    return f"/f/{survey}/exit" if definition.audience in EXIT_AUDIENCES else None


def resume_page(
    request: Request,
    survey: str,
    definition: SurveyDefinition,
    tense: Tense | None,
    language: str,
) -> HTMLResponse:
    """Someone has an unfinished draft in this browser: is it you?"""
    cookie = security.csrf_cookie(request)
    page = render(
        request,
        "resume.html",
        language=language,
        survey_title=definition.title.render(Language(language), tense),
        audience=definition.audience.value,
        exit_url=exit_url(survey, definition),
        action_url=f"/f/{survey}/resume",
        csrf=security.csrf_token(cookie),
    )
    return with_csrf(request, page, cookie)


@router.post("/f/{survey}/resume")
async def choose(request: Request, survey: str) -> Response:
    """Carry on with the draft this browser holds, or start again with an empty one."""
    form = await request.form()
    if refusal := refused(request, survey, form):
        return refusal
    token = request.cookies.get(draft_cookie(survey))
    again = form.get("choice") == "start_again"

    def work(session: Session) -> str | int | None:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None or draft.response_id is not None:
            return None
        definition = forms.survey_for(session, survey)
        if again:
            return resume.start_again(session, draft, definition)
        return resume.carry_on(draft, definition)

    outcome = await transaction(request, work)
    if outcome is None:
        return RedirectResponse(f"/f/{survey}", status_code=303)
    if isinstance(outcome, str):
        response = RedirectResponse(f"/f/{survey}", status_code=303)
        remember_draft(response, survey, outcome)
        return response
    return RedirectResponse(f"/f/{survey}/{outcome}", status_code=303)


@router.get("/f/{survey}/exit")
async def exit_page(survey: str) -> Response:
    """Leave fast: forget this browser's draft and go to a neutral site."""
    response = RedirectResponse(get_settings().exit_page_url, status_code=303)
    forget_draft(response, survey)
    return response
