"""Adding and changing a forum from the dashboard (rights team and admins): its name, purpose,
schedule, members, Teams webhook and routing rules, checked by the same definition the seed
file and the API use. The webhook address is never shown back: leave it empty to keep it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from analysis.taxonomy import THEME_IDS
from api.accounts.signin import SignedIn
from api.core.errors import Conflict, FieldError, InvalidInput
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.models.enums import Audience, SentimentLabel
from frontend.staff import labels, validation
from frontend.staff.choices import point_choices, team_choices
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
EDITORS = forums.MANAGERS_OF_FORUMS
MAX_RULES = 6
LISTS = ("teams", "collection_points", "audiences", "themes", "sentiments")


def _rules(form: FormData) -> list[dict[str, Any]]:
    """Rule blocks from the form; a block with nothing chosen is no rule."""
    rules = []
    for i in range(MAX_RULES):
        rule: dict[str, Any] = {
            name: [str(v) for v in form.getlist(f"rule-{i}-{name}")] for name in LISTS
        }
        polarity = str(form.get(f"rule-{i}-polarity", ""))
        if polarity:
            rule["polarity"] = polarity
        target = str(form.get(f"rule-{i}-target", "")).strip()
        if target:
            rule["statements_below_target"] = target
        rule = {k: v for k, v in rule.items() if v}
        if rule or form.get(f"rule-{i}-everything") == "yes":
            rules.append(rule)
    return rules


def _definition(form: FormData, key: str, keep_webhook: str | None) -> ForumDefinition:
    webhook = str(form.get("teams_webhook_url", "")).strip()
    if not webhook and form.get("remove_webhook") != "yes":
        webhook = keep_webhook or ""
    return ForumDefinition.model_validate(
        {
            "key": key,
            "name": str(form.get("name", "")).strip(),
            "name_cy": str(form.get("name_cy", "")).strip() or None,
            "purpose": str(form.get("purpose", "")).strip(),
            "schedule": {
                "cadence": str(form.get("cadence", "")),
                "weekday": str(form.get("weekday", "mon")),
                "day_of_month": str(form.get("day_of_month", "1")) or "1",
                "at": str(form.get("at", "09:00")) or "09:00",
            },
            "members": [
                line.strip()
                for line in str(form.get("members", "")).replace(",", "\n").splitlines()
                if line.strip()
            ],
            "teams_webhook_url": webhook or None,
            "rules": _rules(form),
            "send_when_empty": form.get("send_when_empty") == "yes",
            "active": form.get("active") == "yes",
            "language": str(form.get("language", "en")) or "en",
        }
    )


# The fields' names as the form shows them, for what its checks say.
FIELD_NAMES = {
    "key": N_("Short name"),
    "name": N_("Name"),
    "name_cy": N_("Enw Cymraeg"),
    "purpose": N_("What it is for"),
    "schedule": N_("How often"),
    "members": N_("Members' email addresses"),
    "teams_webhook_url": N_("Microsoft Teams incoming webhook (optional)"),
    "language": N_("Language of the digest"),
    "rules": N_("Rules"),
}


def _errors(exc: ValidationError) -> list[FieldError]:
    found = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        if field == "rules" and error["type"] == "too_short":
            message = _("Choose what the forum hears: at least one rule")
        elif not field:  # the whole form's check: its own words name what is wrong
            message = validation.explain(dict(error), "")
            field = "members" if "email addresses" in str(error.get("msg", "")) else "name"
        else:
            message = validation.explain(dict(error), _(FIELD_NAMES.get(field, field)))
        found.append(FieldError(field if field != "schedule" else "cadence", message))
    return found


def _form_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    definition: dict[str, Any],
    is_new: bool,
    has_webhook: bool,
    status: int = 200,
    errors: list[FieldError] | None = None,
) -> Response:
    rules = list(definition.get("rules") or [])
    rules += [{}] * (MAX_RULES - len(rules))
    return staff_page(
        request,
        "staff/forum_form.html",
        status=status,
        who=who,
        title=_("New forum") if is_new else _("Change the forum"),
        d=definition,
        rules=rules[:MAX_RULES],
        is_new=is_new,
        has_webhook=has_webhook,
        teams=team_choices(session, who),
        points=point_choices(session),
        audiences=[(a.value, labels.audience(a.value)) for a in Audience],
        themes=[(t, labels.theme(t)) for t in THEME_IDS],
        sentiments=[s.value for s in SentimentLabel],
        errors=errors or [],
    )


def _as_form_values(form: FormData) -> dict[str, Any]:
    """What was typed, to show it again with the problems."""
    return {
        "key": str(form.get("key", "")),
        "name": str(form.get("name", "")),
        "name_cy": str(form.get("name_cy", "")),
        "purpose": str(form.get("purpose", "")),
        "schedule": {
            "cadence": str(form.get("cadence", "")),
            "weekday": str(form.get("weekday", "")),
            "day_of_month": str(form.get("day_of_month", "")),
            "at": str(form.get("at", "")),
        },
        "members": [str(form.get("members", ""))],
        "rules": _rules(form),
        "send_when_empty": form.get("send_when_empty") == "yes",
        "active": form.get("active") == "yes",
        "language": str(form.get("language", "en")),
    }


@router.get("/staff/forums/new")
async def new(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        blank = {"schedule": {"cadence": "weekly", "weekday": "mon", "at": "09:00"}, "active": True}
        return _form_page(request, session, who, definition=blank, is_new=True, has_webhook=False)

    return await page(request, work, roles=EDITORS)


@router.post("/staff/forums/new")
async def create(request: Request) -> Response:
    form = await request.form()

    def work(session: Session, who: SignedIn) -> Response:
        key = str(form.get("key", "")).strip()
        try:
            definition = _definition(form, key, None)
            forums.create(session, who.scope, definition=definition)
        except ValidationError as exc:
            errors = _errors(exc)
        except (InvalidInput, Conflict) as exc:  # raised before anything is written
            errors = exc.errors or [FieldError("key", exc.message)]
        else:
            return RedirectResponse("/staff/digests?forum_saved=1", status_code=303)
        return _form_page(
            request,
            session,
            who,
            definition=_as_form_values(form),
            is_new=True,
            has_webhook=False,
            status=422,
            errors=errors,
        )

    return await page(request, work, roles=EDITORS, form=dict(form))


@router.get("/staff/forums/{key}/edit")
async def edit(request: Request, key: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        row = forums.get(session, key)
        definition = forums.definition_of(row).model_dump(mode="json")
        return _form_page(
            request,
            session,
            who,
            definition=definition,
            is_new=False,
            has_webhook=row.teams_webhook_encrypted is not None,
        )

    return await page(request, work, roles=EDITORS)


@router.post("/staff/forums/{key}/edit")
async def change(request: Request, key: str) -> Response:
    form = await request.form()

    def work(session: Session, who: SignedIn) -> Response:
        row = forums.get(session, key)
        current = forums.definition_of(row).teams_webhook_url
        try:
            definition = _definition(form, key, str(current) if current else None)
            forums.replace(session, who.scope, key=key, definition=definition)
        except ValidationError as exc:
            errors = _errors(exc)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            return RedirectResponse("/staff/digests?forum_saved=1", status_code=303)
        values = _as_form_values(form) | {"key": key}
        return _form_page(
            request,
            session,
            who,
            definition=values,
            is_new=False,
            has_webhook=row.teams_webhook_encrypted is not None,
            status=422,
            errors=errors,
        )

    return await page(request, work, roles=EDITORS, form=dict(form))
