"""Subject access for admins: look a person up, export what is held, erase it. Every one of
these leaves an audit event naming the person only by a keyed hash, with counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.core import audit
from api.models.enums import Role
from api.subject_access import document, render
from api.subject_access import erase as erasure
from api.subject_access.lookup import Found, find, key_of

ADMINS = frozenset({Role.admin})
REFUSAL = "Only an admin can look a person's data up, export or erase it"


@dataclass(frozen=True)
class Export:
    filename: str
    media_type: str
    content: str


def lookup(session: Session, scope: Scope, *, kind: str, value: str) -> Found:
    """What is held about the person the key names (counts and ids), audited."""
    require_role(scope, ADMINS, REFUSAL)
    found = find(session, key_of(kind, value))
    _audited(session, scope, "subject_access.lookup", found, **found.counts)
    return found


def export(session: Session, scope: Scope, *, kind: str, value: str, fmt: str) -> Export:
    """The readable copy ("html") or the JSON ("json") of everything held, audited."""
    require_role(scope, ADMINS, REFUSAL)
    found = find(session, key_of(kind, value))
    built = document.build(session, found)
    chosen = "json" if fmt == "json" else "html"
    _audited(session, scope, "subject_access.export", found, format=chosen, **found.counts)
    if fmt == "json":
        return Export(render.filename(built, "json"), "application/json", render.as_json(built))
    return Export(render.filename(built, "html"), "text/html; charset=utf-8", render.html(built))


def erase(session: Session, scope: Scope, *, kind: str, value: str) -> dict[str, int]:
    """Erase the person's identifiers and words, keeping every published figure; audited.
    Refused (409) while an open alert or an unread concern or text needs any of it."""
    require_role(scope, ADMINS, REFUSAL)
    found = find(session, key_of(kind, value))
    counts = erasure.erase(session, found)
    _audited(session, scope, "subject_access.erase", found, **counts)
    return counts


def _audited(session: Session, scope: Scope, action: str, found: Found, **detail: object) -> None:
    """Every step names the person by keyed hash only, and how they were looked up."""
    audit.record(
        session,
        scope,
        action=action,
        object_type="person",
        object_id=found.key.hash,
        by=found.key.kind.value,
        **detail,
    )
