"""Audit events: every view of raw text and every export leaves one."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.models import AuditEvent


def record(
    session: Session,
    scope: Scope,
    *,
    action: str,
    object_type: str,
    object_id: str | None = None,
    **detail: Any,
) -> None:
    """Write an audit event in the caller's transaction, so it exists exactly when the act did."""
    session.add(
        AuditEvent(
            actor_user_id=scope.user_id,
            actor_label=scope.label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
        )
    )
