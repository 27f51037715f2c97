"""Which language to write to a person in: the one they prefer, once anyone knows it.

Welsh Language Standards: a language preference is recorded from the first contact that says
(the case system's event, the person's choice on a form, a reply in Welsh) and used for every
later message; while it is unknown, texts and emails go in both languages, in the council's
order (Welsh first where it says cy-en). Newest wins: a person's own choice made after the case
system's record is the better guide to what they want now."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models import ContactLanguage, Invitation
from api.models.base import utcnow
from api.models.enums import Language, LanguageSource
from channels.i18n import in_each_language


def preferred(session: Session, contact_hash: str | None) -> Language | None:
    """The language this person said they prefer, if anyone has recorded it."""
    if not contact_hash:
        return None
    return session.scalar(
        select(ContactLanguage.language).where(ContactLanguage.contact_hash == contact_hash)
    )


def record(
    session: Session, *, contact_hash: str | None, language: Language, source: LanguageSource
) -> None:
    """Record (or update) a person's preference; a no-op without a contact to key it by."""
    if not contact_hash:
        return
    row = session.scalar(
        select(ContactLanguage).where(ContactLanguage.contact_hash == contact_hash)
    )
    if row is not None:
        if (row.language, row.source) != (language, source):
            row.language, row.source, row.recorded_at = language, source, utcnow()
        return
    try:
        with session.begin_nested():
            session.add(
                ContactLanguage(contact_hash=contact_hash, language=language, source=source)
            )
    except IntegrityError:
        # Two first contacts at once (a reply and a form): the other wrote it; take ours.
        record(session, contact_hash=contact_hash, language=language, source=source)


def learned(
    session: Session, invitation: Invitation, language: Language, source: LanguageSource
) -> None:
    """The person showed which language they want (a choice on the form, a Welsh reply): write
    to them in it from now on, on this invitation and every later one."""
    invitation.language = language
    invitation.language_known = True
    record(session, contact_hash=invitation.contact_hash, language=language, source=source)


def unknown_order() -> tuple[Language, Language]:
    """Both languages in the council's order, for someone whose preference nobody knows."""
    first, second = get_settings().languages_in_order
    return Language(first), Language(second)


def writing_in(invitation: Invitation) -> tuple[Language, ...]:
    """The languages every message on this invitation is written in."""
    return (invitation.language,) if invitation.language_known else unknown_order()


def written_for(invitation: Invitation, render: Callable[[Language], str]) -> str:
    """A text in the person's language, or in both (one after the other) while nobody knows."""
    return in_each_language([(None, render(language)) for language in writing_in(invitation)])[1]
