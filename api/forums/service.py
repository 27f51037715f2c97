"""Forums: created from a council's seed file or the API, read by the digests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.core import crypto
from api.core.config import get_settings
from api.core.errors import Conflict, FieldError, InvalidInput, LibraryError, NotFound
from api.forums.definitions import ForumDefinition
from api.forums.schemas import ForumRead
from api.models import Forum, Team
from api.models.enums import Role
from channels.teams import addresses

MANAGERS_OF_FORUMS = frozenset({Role.admin, Role.rights_team})
DEMO_FORUMS = Path(__file__).with_name("demo-forums.yaml")


def load_file(path: Path) -> list[ForumDefinition]:
    """A seed file's forums, validated whole."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return TypeAdapter(list[ForumDefinition]).validate_python(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LibraryError(f"{path}: {exc}") from exc


def sync_file(session: Session, path: Path) -> list[str]:
    """Add the file's forums the database lacks (by key); those already there keep their
    API edits. The keys added."""
    added: list[str] = []
    for definition in load_file(path):
        if session.scalar(select(Forum.id).where(Forum.key == definition.key)) is None:
            try:
                _check_teams(session, definition)
            except InvalidInput as exc:
                problems = "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
                raise LibraryError(f"{path}: forum {definition.key}: {problems}") from None
            session.add(_row(definition))
            added.append(definition.key)
    session.flush()
    return added


def _row(definition: ForumDefinition, row: Forum | None = None) -> Forum:
    row = row or Forum(key=definition.key)
    row.name = definition.name
    row.name_cy = definition.name_cy or None
    row.active = definition.active
    row.definition = definition.model_dump(
        mode="json", exclude={"key", "name", "name_cy", "active", "teams_webhook_url"}
    )
    url = definition.teams_webhook_url
    row.teams_webhook_encrypted = crypto.encrypt(str(url)) if url else None
    row.updated_at = datetime.now(UTC)
    return row


def _check_webhook(definition: ForumDefinition) -> None:
    """A Teams webhook only on Microsoft's hosts, over https (channels/teams/addresses.py);
    the worker checks the address it resolves to again when it posts."""
    if definition.teams_webhook_url is None:
        return
    try:
        addresses.check_url(
            str(definition.teams_webhook_url), **get_settings().teams_webhook_policy
        )
    except addresses.RefusedWebhook as exc:
        raise InvalidInput(
            "Some fields could not be accepted",
            errors=[FieldError("teams_webhook_url", str(exc))],
        ) from None


def _check_teams(session: Session, definition: ForumDefinition) -> None:
    _check_webhook(definition)
    named = {slug for rule in definition.rules for slug in rule.teams}
    if not named:
        return
    known = set(session.scalars(select(Team.slug).where(Team.slug.in_(named))))
    missing = sorted(named - known)
    if missing:
        raise InvalidInput(
            "Some fields could not be accepted",
            errors=[FieldError("rules.teams", f"there is no team '{slug}'") for slug in missing],
        )


def definition_of(row: Forum) -> ForumDefinition:
    webhook = crypto.decrypt(row.teams_webhook_encrypted) if row.teams_webhook_encrypted else None
    values: dict[str, Any] = {
        **row.definition,
        "key": row.key,
        "name": row.name,
        "name_cy": row.name_cy,
        "active": row.active,
        "teams_webhook_url": webhook,
    }
    return ForumDefinition.model_validate(values)


def read(row: Forum) -> ForumRead:
    definition = definition_of(row)
    return ForumRead(
        key=row.key,
        name=row.name,
        name_cy=row.name_cy,
        purpose=definition.purpose,
        definition=definition.model_copy(update={"teams_webhook_url": None}),
        has_teams_webhook=row.teams_webhook_encrypted is not None,
        active=row.active,
    )


def list_forums(session: Session, scope: Scope) -> list[ForumRead]:
    """Every forum: the rights team and admins see all; others see the forums they are in."""
    rows = session.scalars(select(Forum).order_by(Forum.name)).all()
    if scope.role in MANAGERS_OF_FORUMS:
        return [read(row) for row in rows]
    email = scope.label.lower()
    return [read(r) for r in rows if email in {m.lower() for m in definition_of(r).members}]


def get(session: Session, key: str) -> Forum:
    row = session.scalar(select(Forum).where(Forum.key == key))
    if row is None:
        raise NotFound("There is no such forum")
    return row


def create(session: Session, scope: Scope, *, definition: ForumDefinition) -> Forum:
    require_role(scope, MANAGERS_OF_FORUMS, "Only the rights team or an admin can add forums")
    if session.scalar(select(Forum.id).where(Forum.key == definition.key)) is not None:
        raise Conflict(f"There is already a forum '{definition.key}'")
    _check_teams(session, definition)
    row = _row(definition)
    session.add(row)
    session.flush()
    return row


def replace(session: Session, scope: Scope, *, key: str, definition: ForumDefinition) -> Forum:
    require_role(scope, MANAGERS_OF_FORUMS, "Only the rights team or an admin can change forums")
    if definition.key != key:
        raise InvalidInput(
            "Some fields could not be accepted",
            errors=[FieldError("key", "a forum's key cannot change")],
        )
    row = get(session, key)
    _check_teams(session, definition)
    _row(definition, row)
    session.flush()
    return row
