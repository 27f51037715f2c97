"""Responses: search and filter (redacted text for everyone), and one response's answers with
their themes and sentiment, raw for roles allowed it (audited by the service), redacted for
practitioners."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from analysis.taxonomy import THEME_IDS
from api.accounts.signin import SignedIn
from api.alerts import service as alerts
from api.core.errors import FieldError, InvalidInput
from api.models.enums import Language
from api.responses import browse
from api.responses import service as responses
from api.surveys import service as surveys
from frontend.staff import choices, filters, labels
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)


@router.get("/staff/responses")
async def search(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        params = request.query_params
        chosen = filters.parse(params, today=date.today())
        theme = params.get("theme") or None
        if theme is not None and theme not in THEME_IDS:
            raise InvalidInput(
                "Some filters could not be used", errors=[FieldError("theme", "is not a theme")]
            )
        words = (params.get("q") or "")[: browse.MAX_SEARCH]
        try:
            number = int(params.get("page") or 1)
        except ValueError:
            number = 1
        found = browse.browse(
            session,
            who.scope,
            filters=chosen.responses,
            start=chosen.start,
            end=chosen.end,
            theme=theme,
            search=words,
            page=number,
        )
        query = chosen.as_query() | {k: v for k, v in (("theme", theme), ("q", words)) if v}
        return staff_page(
            request,
            "staff/responses.html",
            who=who,
            title="Responses",
            found=found,
            chosen=chosen,
            **choices.filter_form(session, who),
            themes=[(t, labels.theme(t)) for t in THEME_IDS],
            theme=theme,
            words=words,
            page_url=lambda n: "/staff/responses?" + urlencode(query | {"page": str(n)}),
            channel_label=lambda c: labels.CHANNELS.get(c, c),
            audience_label=lambda a: labels.AUDIENCES.get(a, a),
            **labels.place_labels(session),
        )

    return await page(request, work)


@router.get("/staff/responses/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        read = responses.get(session, who.scope, public_id=public_id)
        definition = surveys.definition(read.survey, read.survey_version)
        questions = {q.key: q for q in definition.questions}
        return staff_page(
            request,
            "staff/response.html",
            who=who,
            title="Response",
            response=read,
            # Every role that may see the response learns an alert was raised and who holds
            # it (status only, never more words); those who handle alerts get the link.
            alerts=alerts.for_response(session, who.scope, response_public_id=public_id),
            handles_alerts=who.scope.role in alerts.HANDLERS,
            question_text=lambda key: (
                questions[key].text.render(Language.en, None) if key in questions else key
            ),
            theme_label=labels.theme,
            channel_label=lambda c: labels.CHANNELS.get(c, c),
            audience_label=lambda a: labels.AUDIENCES.get(a, a),
            **labels.place_labels(session),
        )

    return await page(request, work)
