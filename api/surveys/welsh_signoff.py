"""The council's Welsh language officer signs the Welsh off, string by string.

`welsh_review` says what the files still mark as drafted; this takes off what the officer has
approved here, and records who approved each string and when (Welsh Language Standards: a
council must be able to show its Welsh was checked). An approval holds for the wording it was
given to: a string whose English or Welsh changes afterwards waits again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import audit
from api.core.errors import FieldError, InvalidInput
from api.models import WelshApproval
from api.surveys import welsh_review
from api.surveys.welsh_review import Waiting


@dataclass(frozen=True)
class Approved:
    source: str
    where: str
    by: str
    at: datetime
    # The words approved, while the files still hold them; None once its English or Welsh
    # has changed (it waits again) or its file was signed off as a whole.
    english: str | None = None
    welsh: str | None = None


@dataclass(frozen=True)
class ApprovedPage:
    """One page of what was approved, newest first, and how many there are in all."""

    items: list[Approved]
    total: int
    page: int
    per_page: int
    sources: list[str]  # every group anything was approved in, for a filter

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _approved_fingerprints(session: Session) -> set[str]:
    return set(session.scalars(select(WelshApproval.fingerprint)))


def outstanding(session: Session) -> list[Waiting]:
    """Every Welsh string still waiting for the officer, in the order a reader meets them."""
    approved = _approved_fingerprints(session)
    seen: set[str] = set()
    left: list[Waiting] = []
    for item in welsh_review.waiting():
        if item.fingerprint not in approved and item.fingerprint not in seen:
            seen.add(item.fingerprint)
            left.append(item)
    return left


def by_source(items: Iterable[Waiting]) -> dict[str, list[Waiting]]:
    grouped: dict[str, list[Waiting]] = {}
    for item in items:
        grouped.setdefault(item.source, []).append(item)
    return grouped


def approve(session: Session, scope: Scope, *, by_name: str, fingerprints: Iterable[str]) -> int:
    """Record the officer's approval of these strings (those still waiting); returns how many.

    A fingerprint that is not waiting (approved already, or changed since the page was shown)
    is skipped rather than approved: the officer approved the words they saw, not others."""
    wanted = set(fingerprints)
    if not wanted:
        message = "Tick the Welsh you have checked, then approve it"
        raise InvalidInput(message, errors=[FieldError("approve", message)])
    waiting = {i.fingerprint: i for i in outstanding(session) if i.fingerprint in wanted}
    for fingerprint, item in waiting.items():
        session.add(
            WelshApproval(
                fingerprint=fingerprint,
                source=item.source[:120],
                place=item.where[:300],
                approved_by_user_id=scope.user_id,
                approved_by_name=by_name[:200],
            )
        )
    if waiting:
        audit.record(
            session,
            scope,
            action="welsh.approved",
            object_type="welsh_strings",
            count=len(waiting),
            sources=sorted({item.source for item in waiting.values()}),
        )
    session.flush()
    return len(waiting)


def recent(session: Session, *, limit: int = 50) -> list[Approved]:
    """The newest approvals, with who and when."""
    rows = session.scalars(
        select(WelshApproval)
        .order_by(WelshApproval.approved_at.desc(), WelshApproval.id.desc())
        .limit(limit)
    )
    return [Approved(r.source, r.place, r.approved_by_name, r.approved_at) for r in rows]


def approved(
    session: Session, *, source: str | None = None, page: int = 1, per_page: int = 50
) -> ApprovedPage:
    """Which strings were approved, by whom and when, newest first, a page at a time; with
    the English and Welsh that were approved where the files still say them."""
    condition = [WelshApproval.source == source] if source else []
    total = session.scalar(select(func.count()).select_from(WelshApproval).where(*condition))
    pages = max(1, -(-int(total or 0) // per_page))
    page = max(1, min(page, pages))
    rows = list(
        session.scalars(
            select(WelshApproval)
            .where(*condition)
            .order_by(WelshApproval.approved_at.desc(), WelshApproval.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    wanted = {r.fingerprint for r in rows}
    words = {i.fingerprint: i for i in welsh_review.waiting() if i.fingerprint in wanted}
    items = [
        Approved(
            r.source,
            r.place,
            r.approved_by_name,
            r.approved_at,
            words[r.fingerprint].english if r.fingerprint in words else None,
            words[r.fingerprint].welsh if r.fingerprint in words else None,
        )
        for r in rows
    ]
    sources = sorted(session.scalars(select(WelshApproval.source).distinct()))
    return ApprovedPage(items, int(total or 0), page, per_page, sources)


def approved_count(session: Session) -> int:
    return len(_approved_fingerprints(session))
