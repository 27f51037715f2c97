"""The pages every council must publish beside a form: a privacy notice (UK GDPR Art. 13,
information at the point of collection) and an accessibility statement (the Public Sector
Bodies Accessibility Regulations 2018), each in English and Welsh.

The words are the service's own facts (what it stores, for how long, who reads it); the parts
only a council can say are settings, and a page names who to ask when one is not set rather
than inventing a contact."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.core.config import get_settings
from api.surveys import names
from frontend.pages import exit_url_of, language_of, render, survey_keys
from frontend.retention_words import period

router = APIRouter(include_in_schema=False)


def _facts(language: str) -> dict[str, Any]:
    """The service's own facts and the council's settings, for either language's page."""
    settings = get_settings()
    lang: names.Lang = "cy" if language == "cy" else "en"
    return {
        "draft_hours": settings.form_draft_idle_hours,
        "contact_days": settings.contact_retention_days,
        # Decision 43: the retention settings the daily job carries out, in words.
        "raw_kept": period(settings.retention_raw_text_days, lang),
        "words_kept": period(settings.retention_free_text_days, lang),
        "alert_kept": period(settings.retention_alert_days, lang),
        "audit_kept": period(settings.retention_audit_days, lang),
        "digest_kept": period(settings.retention_digest_days, lang),
        "privacy_contact": settings.privacy_contact,
        "council_phone": settings.council_phone,
        "ico_registration": settings.ico_registration,
        "kept_for": (settings.answers_kept_for_cy if language == "cy" else None)
        or settings.answers_kept_for,
        "accessibility_contact": settings.accessibility_contact or settings.privacy_contact,
        "checked_on": names.day(settings.accessibility_checked_on, lang),
    }


def _notice(request: Request, name: str) -> HTMLResponse:
    language = language_of(request)
    # Opened from a form: keep its "Exit this page" and offer the way back to it.
    form = request.query_params.get("from") or ""
    known = form in survey_keys()
    return render(
        request,
        f"notices/{name}.{language}.html",
        exit_url=exit_url_of(form) if known else None,
        back_to_form=f"/f/{form}?lang={language}" if known else None,
        **_facts(language),
    )


@router.get("/privacy", response_class=HTMLResponse)
async def privacy(request: Request) -> HTMLResponse:
    return _notice(request, "privacy")


@router.get("/accessibility", response_class=HTMLResponse)
async def accessibility(request: Request) -> HTMLResponse:
    return _notice(request, "accessibility")
