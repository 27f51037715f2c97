"""Before a child's form is sent, if they wrote something on it, they may choose who can read
what they wrote: /f/{survey}/who-reads (decision 44 and its addendum). Asked once, for every
answer they wrote, on the page that sends; one choice a page, no JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.core.errors import InvalidInput
from api.forms import safety, who_reads
from api.forms import service as forms
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
        action_url=f"/f/{survey}/who-reads",
        # Back to the last question; every answer can be changed from there, and this page
        # comes again, with the choice made, before anything is sent.
        back_url=f"/f/{survey}/{len(definition.questions)}",
        csrf=security.csrf_token(cookie),
    )
    return with_csrf(request, page, cookie)


@router.get("/f/{survey}/who-reads", response_class=HTMLResponse)
async def who_reads_page(request: Request, survey: str) -> Response:
    """Who can read what they wrote: their worker, the rights team only, or anyone."""
    token = request.cookies.get(draft_cookie(survey))

    def work(session: Session) -> tuple[SurveyDefinition, str | None] | str:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None:
            return f"/f/{survey}"
        if draft.response_id is not None:
            return f"/f/{survey}/thanks"
        definition = forms.survey_for(session, survey)
        if not who_reads.asks_before_sending(definition, draft.answers):
            return f"/f/{survey}/{len(definition.questions)}"  # nothing written: no choice
        chosen = who_reads.chosen(draft)
        return definition, chosen.value if chosen else None

    found = await transaction(request, work)
    if isinstance(found, str):
        return RedirectResponse(found, status_code=303)
    definition, value = found
    return _page(request, survey, definition, value, None)


@router.post("/f/{survey}/who-reads")
async def choose(request: Request, survey: str) -> Response:
    """Keep the choice (none: the default) for every written answer, then send."""
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
        if not who_reads.asks_before_sending(definition, draft.answers):
            return RedirectResponse(f"/f/{survey}/{len(definition.questions)}", status_code=303)
        try:
            who_reads.choose(session, draft, value=value)
        except InvalidInput:
            return _page(request, survey, definition, None, _("Choose one answer"))
        last = definition.questions[-1]
        asked = safety.asks_for_help(last, draft.answers.get(last.key))  # before it is sent
        forms.submit(session, draft)  # words were written: there is something to send
        if asked:
            return RedirectResponse(f"/f/{survey}/help-now", status_code=303)
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)

    return await transaction(request, work)


@router.api_route("/f/{survey}/{number:int}/who-reads", methods=["GET", "POST"])
async def asked_after_an_answer(request: Request, survey: str, number: int) -> Response:
    """The page's address while it followed each written answer (a form open as the change
    went live): on to the next question, or to the one choice before sending."""
    token = request.cookies.get(draft_cookie(survey))

    def work(session: Session) -> int | None:
        if forms.draft(session, token=token, survey_key=survey) is None:
            return None
        return len(forms.survey_for(session, survey).questions)

    total = await transaction(request, work)
    query = f"?{urlencode({'lang': language_of(request)})}"
    if total is None:
        return RedirectResponse(f"/f/{survey}{query}", status_code=303)
    after = f"{number + 1}" if 0 < number < total else "who-reads"
    return RedirectResponse(f"/f/{survey}/{after}{query}", status_code=303)
