"""Responses: search and filter (redacted text for everyone), and one response's answers with
their themes and sentiment, raw for roles allowed it (audited by the service), redacted for
practitioners. The list's filter state (frontend/staff/filters.py) rides on every link, so a
response opened from the list has Previous, Next and Back to the same list."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.alerts import service as alerts
from api.models.enums import Language
from api.responses import browse
from api.responses import service as responses
from api.surveys import service as surveys
from frontend.staff import backlinks, choices, filters, labels
from frontend.staff.language import _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)


def _url(path: str, query: filters.Query) -> str:
    return path + ("?" + urlencode(query, doseq=True) if query else "")


@router.get("/staff/responses")
async def search(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        found = browse.browse(
            session,
            who.scope,
            filters=chosen.responses,
            match=chosen.match,
            start=chosen.start,
            end=chosen.end,
            page=filters.page_number(request.query_params),
        )
        state = chosen.as_query()
        # A response's link says which list it was opened from (and its page), so the
        # response page can go back to it.
        listed = state | ({"page": str(found.page)} if found.page > 1 else {})
        return staff_page(
            request,
            "staff/responses.html",
            who=who,
            title=_("Responses"),
            found=found,
            chosen=chosen,
            path="/staff/responses",
            submit_label=_("Search"),
            **choices.response_filter_form(session, who),
            page_url=lambda n: _url("/staff/responses", state | {"page": str(n)}),
            response_url=lambda public_id: _url(f"/staff/responses/{public_id}", listed),
            export_url=_url("/staff/export", state),
            can_export=who.scope.role in choices.EXPORTERS,
            channel_label=labels.channel,
            audience_label=labels.audience,
            feeling_label=labels.feeling,
            **labels.place_labels(session),
        )

    return await page(request, work)


@router.get("/staff/responses/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        read = responses.get(session, who.scope, public_id=public_id)
        chosen = filters.parse(request.query_params, today=date.today())
        place = browse.neighbours(
            session,
            who.scope,
            public_id=public_id,
            filters=chosen.responses,
            match=chosen.match,
            start=chosen.start,
            end=chosen.end,
        )
        state = chosen.as_query()
        came_from = backlinks.safe(request.query_params.get("back"))
        # Back to the page of the list it is on (or the page it was opened from, when the
        # filters no longer list it).
        back_page = place.page if place.listed else filters.page_number(request.query_params)
        definition = surveys.definition(read.survey, read.survey_version)
        questions = {q.key: q for q in definition.questions}
        reader = Language(labels.lang())
        return staff_page(
            request,
            "staff/response.html",
            who=who,
            title=_("Response"),
            response=read,
            place=place,
            back_url=_url(
                "/staff/responses", state | ({"page": str(back_page)} if back_page > 1 else {})
            ),
            # Opened from an alert, a possible concern or theme review: Back returns there,
            # to the same filtered queue.
            came_from=came_from,
            came_from_label=backlinks.label(came_from) if came_from else "",
            response_url=lambda other: _url(f"/staff/responses/{other}", state),
            # Every role that may see the response learns an alert was raised and who holds
            # it (status only, never more words); those who handle alerts get the link.
            alerts=alerts.for_response(session, who.scope, response_public_id=public_id),
            handles_alerts=who.scope.role in alerts.HANDLERS,
            question_text=lambda key: (
                questions[key].text.render(reader, None) if key in questions else key
            ),
            # A choice as its option reads in the reader's language ("I'd rather not say"),
            # not its stored value ("rather_not_say").
            choice_text=lambda key, value: labels.choice(questions.get(key), value),
            theme_label=labels.theme,
            channel_label=labels.channel,
            audience_label=labels.audience,
            feeling_label=labels.feeling,
            **labels.place_labels(session),
        )

    return await page(request, work)
