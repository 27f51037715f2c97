"""The page after "Yes, I want someone to talk to me": /f/{survey}/help-now.

It says honestly what happens next (an anonymous child cannot be found unless they say who or
where they are), offers an optional way to be reached, shows the help there is right now, and
carries on with the questions. No JavaScript; CSRF and the honeypot like every form post.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.core.errors import InvalidInput
from api.forms import safety
from api.forms import service as forms
from api.models.enums import Audience, Language
from frontend import security
from frontend.drafts import draft_cookie, expired, with_csrf
from frontend.pages import gettext_for, is_child_survey, language_of, render, transaction
from frontend.resume import exit_url

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class HelpNow:
    """What the page needs to know about the person who asked."""

    survey_title: str
    child: bool
    youngest: bool  # a 4-7-year-old answering with an adult: the adult leaves the contact
    invited: bool
    next_url: str
    exit_url: str | None


def _next_number(request: Request, total: int) -> int:
    asked = request.query_params.get("next", "")
    return int(asked) if asked.isdigit() and 1 <= int(asked) <= total else 1


def _load(request: Request, survey: str, session: Session) -> HelpNow | str:
    """The page's facts, or where to send someone who should not be here."""
    draft = forms.draft(session, token=request.cookies.get(draft_cookie(survey)), survey_key=survey)
    if draft is None:
        return f"/f/{survey}"
    definition = forms.survey_for(session, survey)
    number = _next_number(request, len(definition.questions))
    next_url = f"/f/{survey}/thanks" if draft.response_id is not None else f"/f/{survey}/{number}"
    if not safety.asked_for_help(draft) and safety.alert_of(session, draft) is None:
        return next_url  # nobody asked: nothing to say here
    return HelpNow(
        survey_title=definition.title.render(Language(language_of(request)), None),
        child=definition.audience is Audience.young_person,
        youngest=definition.read_with_an_adult,
        invited=safety.invited(draft),
        next_url=next_url,
        exit_url=exit_url(survey, definition),
    )


def _page(
    request: Request, survey: str, facts: HelpNow, *, sent: bool, error: str | None, value: str
) -> HTMLResponse:
    cookie = security.csrf_cookie(request)
    query = {k: v for k, v in request.query_params.items() if k == "next"}
    page = render(
        request,
        "help_now.html",
        status=400 if error else 200,
        survey_title=facts.survey_title,
        child=facts.child,
        youngest=facts.youngest,
        invited=facts.invited,
        sent=sent,
        error=error,
        value=value,
        next_url=facts.next_url,
        exit_url=facts.exit_url,
        action_url=f"/f/{survey}/help-now?{urlencode(query)}",
        contact_max=safety.CONTACT_MAX,
        csrf=security.csrf_token(cookie),
    )
    return with_csrf(request, page, cookie)


@router.get("/f/{survey}/help-now", response_class=HTMLResponse)
async def help_now(request: Request, survey: str) -> Response:
    """What happens now that they asked for someone to talk to them, and help right now."""
    facts = await transaction(request, lambda session: _load(request, survey, session))
    if isinstance(facts, str):
        return RedirectResponse(facts, status_code=303)
    sent = request.query_params.get("sent") == "1"
    return _page(request, survey, facts, sent=sent, error=None, value="")


@router.post("/f/{survey}/help-now")
async def offer_contact(request: Request, survey: str) -> Response:
    """Keep, encrypted on the alert, how an anonymous person who asked can be reached."""
    form = await request.form()
    if not security.csrf_ok(request, str(form.get("csrf") or "")):
        return expired(request, survey)
    if security.is_bot(str(form.get(security.HONEYPOT_FIELD) or "")):
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)
    given = form.get("contact")
    value = given if isinstance(given, str) else ""
    _ = gettext_for(language_of(request), child=is_child_survey(survey))

    def work(session: Session) -> Response:
        facts = _load(request, survey, session)
        if isinstance(facts, str):
            return RedirectResponse(facts, status_code=303)
        draft = forms.draft(
            session, token=request.cookies.get(draft_cookie(survey)), survey_key=survey
        )
        assert draft is not None  # _load found it in this transaction
        try:
            kept = safety.offer_contact(session, draft, value=value)
        except InvalidInput:
            message = _("Please write this again in fewer than 500 letters, or leave it empty.")
            return _page(request, survey, facts, sent=False, error=message, value=value[:600])
        if not kept:
            # Pressing "Send this" with nothing in the box must not look as if it went.
            message = (
                _(
                    "You did not write anything, so nothing was sent. Write how we can reach "
                    "you, or carry on with the questions."
                )
                if facts.child
                else _(
                    "Nothing was sent, because the box was empty. Write how we can contact "
                    "you, or carry on with the questions."
                )
            )
            return _page(request, survey, facts, sent=False, error=message, value="")
        query = {k: v for k, v in request.query_params.items() if k == "next"} | {"sent": "1"}
        return RedirectResponse(f"/f/{survey}/help-now?{urlencode(query)}", status_code=303)

    return await transaction(request, work)
