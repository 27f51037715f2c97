"""Theme review for the children's rights team: the answers the analysis is least sure of
first; accept its themes and sentiment in one click, or correct them. Corrections replace the
automatic themes in every count and feed the learned model (api/reviews)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from analysis import taxonomy
from api.accounts.signin import SignedIn
from api.core.config import get_settings
from api.core.errors import FieldError
from api.models.enums import SentimentLabel
from api.reviews import service as reviews
from api.reviews.schemas import QueueItem, ReviewCreate
from frontend.staff import labels
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
REVIEWERS = reviews.REVIEWERS
PAGE_SIZE = 20


def _themes() -> list[tuple[str, str]]:
    tax = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    return [(t.id, t.label_en) for t in tax.themes]


def _suggested(item: QueueItem) -> list[dict[str, str]]:
    return [
        {"id": str(t["id"]), "polarity": str(t["polarity"])}
        for t in item.themes
        if t.get("polarity") in ("positive", "negative")
    ]


@router.get("/staff/review")
async def queue(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        items = reviews.queue(session, who.scope, limit=PAGE_SIZE)
        return staff_page(
            request,
            "staff/review.html",
            who=who,
            title="Theme review",
            items=items,
            theme_label=labels.theme,
            done=request.query_params.get("done") == "1",
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
    """Accept the analysis as it stands for one answer."""
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        response, question = str(form.get("response", "")), str(form.get("question", ""))
        item = reviews.item(session, who.scope, response=response, question=question)
        reviews.review(
            session,
            who.scope,
            correction=ReviewCreate.model_validate(
                {
                    "response": response,
                    "question": question,
                    "themes": _suggested(item),
                    "sentiment": item.sentiment,
                }
            ),
        )
        return RedirectResponse("/staff/review?done=1", status_code=303)

    return await page(request, work, roles=REVIEWERS, form=form)


def _answer_page(
    request: Request,
    who: SignedIn,
    item: QueueItem,
    *,
    chosen: dict[str, str],
    sentiment: str,
    note: str = "",
    status: int = 200,
    errors: list[FieldError] | None = None,
) -> Response:
    return staff_page(
        request,
        "staff/review_answer.html",
        status=status,
        who=who,
        title="Correct the themes",
        item=item,
        themes=_themes(),
        chosen=chosen,
        sentiment=sentiment,
        sentiments=[s.value for s in SentimentLabel],
        note=note,
        errors=errors or [],
    )


@router.get("/staff/review/{response}/{question}")
async def answer(request: Request, response: str, question: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        item = reviews.item(session, who.scope, response=response, question=question)
        chosen = {t["id"]: t["polarity"] for t in _suggested(item)}
        return _answer_page(request, who, item, chosen=chosen, sentiment=item.sentiment.value)

    return await page(request, work, roles=REVIEWERS)


@router.post("/staff/review/{response}/{question}")
async def correct(request: Request, response: str, question: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        item = reviews.item(session, who.scope, response=response, question=question)
        try:
            correction = _correction(form, response, question)
        except ValidationError as exc:
            fields = {str(e["loc"][0]) for e in exc.errors()}
            errors = [
                FieldError(f, "Choose how the answer feels" if f == "sentiment" else "Check this")
                for f in sorted(fields)
            ]
            chosen = {
                theme_id: str(form[f"theme-{theme_id}"])
                for theme_id, _ in _themes()
                if form.get(f"theme-{theme_id}") in ("positive", "negative")
            }
            return _answer_page(
                request,
                who,
                item,
                chosen=chosen,
                sentiment=str(form.get("sentiment", "")),
                note=str(form.get("note", ""))[:2000],
                status=422,
                errors=errors,
            )
        reviews.review(session, who.scope, correction=correction)
        return RedirectResponse("/staff/review?done=1", status_code=303)

    return await page(request, work, roles=REVIEWERS, form=form)
