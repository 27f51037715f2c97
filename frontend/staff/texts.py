"""Texts outside a survey: every kept text read by a person. The list never shows words; a
text's words are shown on asking (roles with raw access, audited), and "mark as read" records
who read it and when."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.conversations import kept_texts
from api.messaging import undelivered
from api.models import Team
from api.models.enums import Channel
from channels.sms.provider import OPTED_OUT_CODE
from frontend.staff import labels
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)

# What the text was, in words a reader understands (the stored outcome is the code's).
KINDS = {
    "kept_replied": N_("Outside a survey"),
    "kept": N_("Outside a survey"),
    "after_end": N_("After the survey ended"),
    "kept_opted_out": N_("From a number that opted out"),
    "help_for_link": N_("Reply to a link invitation"),
    "reasked": N_("Not an answer to the question"),
    "not_understood_twice": N_("Not an answer to the question"),
    "asked_if_stop": N_("Sounded like stop"),
}


# What else went back, besides (or instead of) the "not watched" line.
ALSO_SENT = {
    "reasked": N_("sent the question again"),
    "not_understood_twice": N_("sent the next question"),
    "asked_if_stop": N_("asked if they want us to stop texting"),
}


# A message that did not arrive, as the staff read it (api/messaging/undelivered.py keeps the
# English for the API and the command line; these say the same by its keys).
NOT_ARRIVED_WHAT = {
    "invitation": N_("Invitation to a survey"),
    "reminder": N_("Reminder"),
    "question": N_("A survey question"),
    "thanks": N_("Thank you"),
    "opt_out_confirmation": N_("Confirmation they opted out"),
    "opt_in_confirmation": N_("Confirmation they opted in again"),
    "help": N_("Answer to HELP"),
}
NOT_ARRIVED_WHY = {
    "notify-permanent": N_(
        "The number or address does not work: Notify has given up for good. "
        "Check it with the family."
    ),
    "notify-temporary": N_(
        "The phone was off or had no signal (or the inbox was full) for 3 days. "
        "Notify has stopped trying."
    ),
    "notify-technical": N_("A fault at Notify: it was not sent. Not sent again by itself."),
    OPTED_OUT_CODE: N_("The number has stopped texts from us with its phone network."),
    undelivered.UNDELIVERED: N_("The phone network could not deliver it."),
    undelivered.UNREACHABLE: N_("The provider could not be reached after several tries."),
}


def not_arrived_words(message: undelivered.NotArrived) -> dict[str, str]:
    """What it was, how it went and why it did not arrive, in the reader's language."""
    purpose = message.purpose.value if message.purpose else ""
    if message.reason in NOT_ARRIVED_WHY:
        why = _(NOT_ARRIVED_WHY[message.reason])
    elif message.error_code:
        why = _("The provider refused it (code %(code)s).", code=message.error_code)
    else:
        why = _("The provider refused it.")
    return {
        "what": _(NOT_ARRIVED_WHAT[purpose]) if purpose in NOT_ARRIVED_WHAT else _("A message"),
        "by": _("Email") if message.channel is Channel.email else _("Text message"),
        "why": why,
    }


def what_they_were_sent(text: kept_texts.KeptText) -> str:
    """What the sender got back, truthfully: the reader must not assume they were told."""
    if text.outcome == "kept_opted_out":
        return _("Nothing: they had opted out")
    parts = []
    if text.told_not_watched:
        parts.append(_("Told this number is not watched, and to call 999 in danger"))
    if text.outcome in ALSO_SENT:
        parts.append(_(ALSO_SENT[text.outcome]))
    if not text.told_not_watched:
        parts.append(_("not told about help again (already told that day)"))
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:]


def _list(request: Request, session: Session, who: SignedIn, *, shown: int | None = None,
          words: str | None = None) -> Response:  # fmt: skip
    unread_only = request.query_params.get("show") == "unread"
    rows = kept_texts.list_texts(session, who.scope, unread_only=unread_only)
    # A Welsh reader sees a team's Welsh name where it has one.
    name = func.coalesce(Team.name_cy, Team.name) if labels.lang() == "cy" else Team.name
    teams = dict(session.execute(select(Team.id, name)).tuples().all())
    return staff_page(
        request,
        "staff/texts.html",
        who=who,
        title=_("Texts outside a survey"),
        unread_only=unread_only,
        texts=[
            {
                "row": t,
                "team": teams.get(t.team_id or 0, _("No team")),
                "kind": _(KINDS.get(t.outcome or "", KINDS["kept"])),
                "sent": what_they_were_sent(t),
            }
            for t in rows
        ],
        shown=shown,
        words=words,
        not_arrived=[
            {"row": m, "team": teams.get(m.team_id or 0, _("No team"))} | not_arrived_words(m)
            for m in undelivered.list_not_arrived(session, who.scope)
        ],
    )


@router.get("/staff/texts")
async def texts(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        raw = request.query_params.get("words", "")
        if raw.isdigit():
            said = kept_texts.words(session, who.scope, message_id=int(raw))
            return _list(request, session, who, shown=int(raw), words=said)
        return _list(request, session, who)

    return await page(request, work, roles=kept_texts.READERS)


@router.post("/staff/texts/{message_id}/read")
async def mark_read(request: Request, message_id: int) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        kept_texts.mark_read(session, who.scope, message_id=message_id)
        return RedirectResponse(f"/staff/texts#text-{message_id}", status_code=303)

    return await page(request, work, roles=kept_texts.READERS, form=form)
