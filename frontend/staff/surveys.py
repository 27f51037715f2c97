"""Surveys: every version and question in English and Welsh (with the "while we are working
with you" / "when we worked with you" wordings), and what each text message costs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.errors import NotFound
from api.invitations.preview import preview
from api.models.enums import Language, Tense
from api.surveys import library, welsh_signoff
from frontend.staff import places
from frontend.staff.language import _, current
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)


@router.get("/staff/surveys")
async def index(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        by_key: dict[str, list[int]] = {}
        titles: dict[str, str] = {}
        for definition in library.survey_library():
            by_key.setdefault(definition.key, []).append(definition.version)
            titles[definition.key] = definition.title.render(Language(current()), None)
        return staff_page(
            request,
            "staff/surveys.html",
            who=who,
            title=_("Surveys"),
            surveys=[(key, titles[key], sorted(v)) for key, v in sorted(by_key.items())],
            # What the Welsh language officer has still to sign off (Welsh Language Standards).
            welsh_waiting=len(welsh_signoff.outstanding(session)),
        )

    return await page(request, work)


@router.get("/staff/surveys/{key}/{version}")
async def one(request: Request, key: str, version: int) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        found = [d for d in library.survey_library() if d.key == key and d.version == version]
        if not found:
            raise NotFound(_("There is no such survey version"))
        definition = found[0]
        newest = max(d.version for d in library.survey_library() if d.key == key)
        texts = (
            {
                language.value: preview(key, language=language, tense=Tense.after)
                for language in (Language.en, Language.cy)
            }
            if version == newest
            else {}
        )
        return staff_page(
            request,
            "staff/survey.html",
            who=who,
            title=definition.title.render(Language(current()), None),
            survey=definition,
            texts=texts,
            text_name=places.text_name,
            Language=Language,
            Tense=Tense,
        )

    return await page(request, work)
