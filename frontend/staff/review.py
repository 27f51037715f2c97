"""Theme review for the children's rights team, one answer at a time: the answers the analysis
is least sure of first, identical answers reviewed once, how many are left. Accept its themes
and sentiment in one click, correct them, or skip for now. Corrections replace the automatic
themes in every count and feed the learned model (api/reviews).

Works as plain forms; frontend/static/review.js makes Accept and Skip swap in the next answer
without a reload and adds keyboard shortcuts.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from analysis import taxonomy
from api.accounts.signin import SignedIn
from api.alerts import service as alerts
from api.core.config import get_settings
from api.core.errors import FieldError, LibraryError
from api.models.enums import Language, SentimentLabel
from api.reviews import agreement as review_agreement
from api.reviews import queue as review_queue
from api.reviews import service as reviews
from api.reviews.schemas import QueueItem, ReviewCreate
from api.surveys import service as surveys
from frontend.staff import labels
from frontend.staff.language import _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
REVIEWERS = reviews.REVIEWERS
# Skipped answers ride in the page's address; the oldest are forgotten (and so come back
# sooner) past this many, which keeps the address short.
MAX_SKIPPED = 40
# Under this many reviews a share says more about chance than about the analysis.
TOO_FEW = 5
_TOKEN = re.compile(r"^[A-Za-z0-9-]{1,64}:[a-z0-9_]{1,64}$")


def _themes() -> list[tuple[str, str]]:
    tax = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    return [(t.id, t.label_en) for t in tax.themes]


def _standing(item: QueueItem) -> list[dict[str, str]]:
    """The answer's themes as they stand (a reviewer's once reviewed), worry or praise only."""
    return [
        {"id": str(t["id"]), "polarity": str(t["polarity"])}
        for t in item.themes
        if t.get("polarity") in ("positive", "negative")
    ]


def _skipped(raw: str) -> list[str]:
    """The skipped answers' tokens ("response:question"), bad ones dropped, newest kept."""
    tokens = [t for t in dict.fromkeys(raw.split(",")) if _TOKEN.match(t)]
    return tokens[-MAX_SKIPPED:]


def _pairs(tokens: list[str]) -> list[tuple[str, str]]:
    return [(r, q) for r, _, q in (t.partition(":") for t in tokens)]


def _queue_url(*, skipped: list[str], saved: int | None = None) -> str:
    query: dict[str, str] = {}
    if saved is not None:
        query["done"] = "1"
        if saved > 1:
            query["saved"] = str(saved)
    if skipped:
        query["skipped"] = ",".join(skipped)
    return "/staff/review" + (f"?{urlencode(query)}" if query else "")


def _polarity(polarity: object) -> str:
    return {"negative": "worry", "positive": "praise"}.get(str(polarity), str(polarity))


def _shared() -> dict[str, Any]:
    return {
        "theme_label": labels.theme,
        "polarity": _polarity,
        "audience_label": labels.audience,
        "question_text": _question_text,
    }


def _alerts_of(session: Session, who: SignedIn, response: str | None) -> dict[str, Any]:
    """A reviewer reading words that raised an alert must know it, as on the response page:
    a theme review is not where a disclosure is dealt with, and "neutral" is not its verdict."""
    found = alerts.for_response(session, who.scope, response_public_id=response) if response else []
    return {"alerts": found, "handles_alerts": who.scope.role in alerts.HANDLERS}


def _question_text(item: QueueItem) -> str:
    """The question as the respondent read it (in English, as the staff pages show it)."""
    try:
        definition = surveys.definition(item.survey or "", item.survey_version or 0)
    except LibraryError:  # a survey no longer in the library: its key will do
        definition = None
    for question in definition.questions if definition else []:
        if question.key == item.question:
            return question.text.render(Language.en, None)
    return item.question.replace("_", " ").capitalize()


@router.get("/staff/review")
async def queue(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        skipped = _skipped(request.query_params.get("skipped", ""))
        shown = reviews.next_up(session, who.scope, skipped=_pairs(skipped))
        if shown is not None and shown.came_back:
            skipped = []  # the round of skipped answers starts again
        try:
            saved = int(request.query_params.get("saved") or 1)
        except ValueError:
            saved = 1
        token = f"{shown.item.response}:{shown.item.question}" if shown else ""
        return staff_page(
            request,
            "staff/review.html",
            who=who,
            title=_("Theme review"),
            shown=shown,
            progress=review_queue.progress(session, who.scope),
            skipped=",".join(skipped),
            skip_with=",".join([*skipped, token][-MAX_SKIPPED:]),
            done=request.query_params.get("done") == "1",
            saved=max(saved, 1),
            **_alerts_of(session, who, shown.item.response if shown else None),
            **_shared(),
        )

    return await page(request, work, roles=REVIEWERS)


@router.get("/staff/review/agreement")
async def agreement(request: Request) -> Response:
    """The agreement figures the API computes (api/reviews), as a table a manager reads."""

    def work(session: Session, who: SignedIn) -> Response:
        report = review_agreement.agreement(session, who.scope)
        return staff_page(
            request,
            "staff/review_agreement.html",
            who=who,
            title=_("How often the analysis agrees with reviewers"),
            report=report,
            themes=sorted(report.themes, key=lambda t: labels.theme(t.theme)),
            theme_label=labels.theme,
            too_few=TOO_FEW,
        )

    return await page(request, work, roles=REVIEWERS)


def _correction(form: dict[str, Any], response: str, question: str) -> ReviewCreate:
    """The form's choices: for each theme, none, a worry or praise."""
    themes = [
        {"id": theme_id, "polarity": form[f"theme-{theme_id}"]}
        for theme_id, _ in _themes()
        if form.get(f"theme-{theme_id}") in ("positive", "negative")
    ]
    return ReviewCreate.model_validate(
        {
            "response": response,
            "question": question,
            "themes": themes,
            "sentiment": form.get("sentiment"),
            "note": (str(form.get("note", "")).strip() or None),
        }
    )


@router.post("/staff/review")
async def accept(request: Request) -> Response:
    """Accept the answer's themes as they stand, for it and every identical answer."""
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        response, question = str(form.get("response", "")), str(form.get("question", ""))
        item = reviews.item(session, who.scope, response=response, question=question)
        stored = reviews.review(
            session,
            who.scope,
            correction=ReviewCreate.model_validate(
                {
                    "response": response,
                    "question": question,
                    "themes": _standing(item),
                    "sentiment": item.sentiment,
                    "note": item.note,
                }
            ),
            identical=True,
        )
        skipped = _skipped(str(form.get("skipped", "")))
        return RedirectResponse(_queue_url(skipped=skipped, saved=stored.answers), status_code=303)

    return await page(request, work, roles=REVIEWERS, form=form)


def _answer_page(
    request: Request,
    session: Session,
    who: SignedIn,
    shown: reviews.Identical,
    *,
    chosen: dict[str, str],
    sentiment: str,
    note: str = "",
    skipped: str = "",
    status: int = 200,
    errors: list[FieldError] | None = None,
) -> Response:
    return staff_page(
        request,
        "staff/review_answer.html",
        status=status,
        who=who,
        title=_("Correct the themes"),
        shown=shown,
        item=shown.item,
        themes=_themes(),
        chosen=chosen,
        sentiment=sentiment,
        sentiments=[s.value for s in SentimentLabel],
        note=note,
        skipped=skipped,
        errors=errors or [],
        **_alerts_of(session, who, shown.item.response),
        **_shared(),
    )


@router.get("/staff/review/{response}/{question}")
async def answer(request: Request, response: str, question: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        shown = reviews.identical(session, who.scope, response=response, question=question)
        # A reviewed answer opens on its saved review, never the analysis's suggestion.
        return _answer_page(
            request,
            session,
            who,
            shown,
            chosen={t["id"]: t["polarity"] for t in _standing(shown.item)},
            sentiment=shown.item.sentiment.value,
            note=shown.item.note or "",
            skipped=",".join(_skipped(request.query_params.get("skipped", ""))),
        )

    return await page(request, work, roles=REVIEWERS)


@router.post("/staff/review/{response}/{question}")
async def correct(request: Request, response: str, question: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        skipped = _skipped(str(form.get("skipped", "")))
        try:
            correction = _correction(form, response, question)
        except ValidationError as exc:
            shown = reviews.identical(session, who.scope, response=response, question=question)
            fields = {str(e["loc"][0]) for e in exc.errors()}
            errors = [
                FieldError(
                    f, _("Choose how the answer feels") if f == "sentiment" else _("Check this")
                )
                for f in sorted(fields)
            ]
            chosen = {
                theme_id: str(form[f"theme-{theme_id}"])
                for theme_id, _ in _themes()
                if form.get(f"theme-{theme_id}") in ("positive", "negative")
            }
            return _answer_page(
                request,
                session,
                who,
                shown,
                chosen=chosen,
                sentiment=str(form.get("sentiment", "")),
                note=str(form.get("note", ""))[:2000],
                skipped=",".join(skipped),
                status=422,
                errors=errors,
            )
        stored = reviews.review(session, who.scope, correction=correction, identical=True)
        return RedirectResponse(_queue_url(skipped=skipped, saved=stored.answers), status_code=303)

    return await page(request, work, roles=REVIEWERS, form=form)
