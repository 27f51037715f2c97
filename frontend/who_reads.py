"""After a child writes something on their form, they may choose who can read it:
/f/{survey}/{number}/who-reads (decision 44). One choice a page, no JavaScript; on the last
question the answers are sent once the choice is made (or skipped)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.core.errors import InvalidInput, NotFound
from api.forms import service as forms
from api.forms import who_reads
from api.models.enums import Language, Visibility
from api.surveys.definitions import SurveyDefinition
from frontend import security
from frontend.drafts import draft_cookie, with_csrf
from frontend.drafts import refused as _refused
from frontend.pages import gettext_for, language_of, render, transaction
from frontend.resume import exit_url

router = APIRouter(include_in_schema=False)


def _options(language: str) -> list[dict[str, str]]:
    """The three choices in the child's own words (what they say), each with what it means."""
    _ = gettext_for(language, child=True)
    return [
        {
            "value": Visibility.worker.value,
            "label": _("My worker"),
            "hint": _("Your worker, the people they work with, and the children's rights team."),
        },
        {
            "value": Visibility.rights_team.value,
            "label": _("The children's rights team only"),
            "hint": _("They help children have a say. Nobody else will read it."),
        },
        {
            "value": Visibility.service.value,
            "label": _("Anyone who helps make things better, without my name"),
            "hint": _("People who want to make our help better for children."),
        },
    ]


def _page(
    request: Request,
    survey: str,
    definition: SurveyDefinition,
    number: int,
    value: str | None,
    error: str | None,
) -> HTMLResponse:
    language = language_of(request)
    cookie = security.csrf_cookie(request)
    page = render(
        request,
        "who_reads.html",
        status=400 if error else 200,
        language=language,
        survey_title=definition.title.render(Language(language), None),
        audience=definition.audience.value,
        exit_url=exit_url(survey, definition),
        options=_options(language),
        value=value,
        error=error,
        last=number == len(definition.questions),
        action_url=f"/f/{survey}/{number}/who-reads",
        back_url=f"/f/{survey}/{number}",
        csrf=security.csrf_token(cookie),
    )
    return with_csrf(request, page, cookie)


def _written_here(definition: SurveyDefinition, number: int, answers: dict[str, object]) -> str:
    """The question's key when a child wrote words for it on this form; "" otherwise."""
    if not 1 <= number <= len(definition.questions):
        raise NotFound("There is no such question")
    question = definition.questions[number - 1]
    asked = who_reads.asks_after(definition, question, answers.get(question.key))
    return question.key if asked else ""


@router.get("/f/{survey}/{number:int}/who-reads", response_class=HTMLResponse)
async def who_reads_page(request: Request, survey: str, number: int) -> Response:
    """Who can read what they just wrote: their worker, the rights team only, or anyone."""
    token = request.cookies.get(draft_cookie(survey))

    def work(session: Session) -> tuple[SurveyDefinition, str | None] | str:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None:
            return f"/f/{survey}"
        if draft.response_id is not None:
            return f"/f/{survey}/thanks"
        definition = forms.survey_for(session, survey)
        key = _written_here(definition, number, draft.answers)
        if not key:
            return f"/f/{survey}/{number}"  # nothing written here: nothing to choose
        chosen = who_reads.chosen(draft, key)
        return definition, chosen.value if chosen else None

    found = await transaction(request, work)
    if isinstance(found, str):
        return RedirectResponse(found, status_code=303)
    definition, value = found
    return _page(request, survey, definition, number, value, None)


@router.post("/f/{survey}/{number:int}/who-reads")
async def choose(request: Request, survey: str, number: int) -> Response:
    """Keep the choice (none: the default), then the next question, or send on the last."""
    form = await request.form()
    if refusal := _refused(request, survey, form):
        return refusal
    token = request.cookies.get(draft_cookie(survey))
    given = form.get("who_reads")
    value = given if isinstance(given, str) else None
    _ = gettext_for(language_of(request), child=True)

    def work(session: Session) -> Response:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None or token is None:
            return RedirectResponse(f"/f/{survey}", status_code=303)
        if draft.response_id is not None:
            return RedirectResponse(f"/f/{survey}/thanks", status_code=303)
        definition = forms.survey_for(session, survey)
        key = _written_here(definition, number, draft.answers)
        if not key:
            return RedirectResponse(f"/f/{survey}/{number}", status_code=303)
        try:
            who_reads.choose(session, draft, key=key, value=value)
        except InvalidInput:
            return _page(request, survey, definition, number, None, _("Choose one answer"))
        if number < len(definition.questions):
            return RedirectResponse(f"/f/{survey}/{number + 1}", status_code=303)
        forms.submit(session, draft)  # words were written here: there is something to send
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)

    return await transaction(request, work)
