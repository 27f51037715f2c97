"""Texts from the public: stored first, then understood by a worker.

A reply is a keyword (STOP, START, HELP and their Welsh), a wish to stop written in words,
or the answer to the question a conversation is on. Answers gather on the invitation and go
through the one intake service at the end, so they are analysed like web answers; every
reply gets the same neutral words back, whatever it said.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from analysis.language import detect as detect_language
from analysis.normalise import normalise
from api.conversations import kept, resume, safety
from api.conversations.replies import reply, tense_of
from api.core import crypto
from api.core.config import get_settings
from api.core.errors import InvalidInput
from api.core.sql import insert_or_ignore
from api.invitations import language as preference
from api.invitations import service as invitations
from api.invitations.language import written_for
from api.jobs import queue as jobs
from api.messaging import service as messages
from api.models import CollectionPoint, InboundMessage, Invitation, Response, Survey, Team
from api.models.enums import (
    Channel,
    Completeness,
    InvitationMode,
    InvitationStatus,
    Language,
    LanguageSource,
    MessagePurpose,
    OptOutSource,
    QuestionKind,
)
from api.responses import intake
from api.responses.schemas import Submission
from api.surveys import library
from channels.sms import conversation, keywords, texts

HANDLE = "sms.handle_inbound"
ASKED_IF_STOP = "asked_if_stop"
_INBOUND_INSERT = insert_or_ignore(cast(Table, InboundMessage.__table__), conflict="provider_id")


def receive(session: Session, *, provider_id: str, sender: str, body: str) -> bool:
    """Store a text once (a provider's retry changes nothing) and queue its handling, in one
    transaction. True when it is new."""
    # The hashing and encryption first: on SQLite the write lock is taken by the first
    # statement, and every other writer waits while it is held.
    values = {
        "provider_id": provider_id[:64],
        "channel": Channel.sms,
        "sender_hash": crypto.contact_hash(sender),
        "sender_encrypted": crypto.encrypt(sender),
        # PostgreSQL's text cannot hold NUL, and no phone sends one on purpose.
        "body": body.replace("\x00", "")[:5000],
        "kept_body_encrypted": None,
        "read_at": None,
        "read_by_user_id": None,
        "received_at": datetime.now(UTC),
        "handled_at": None,
        "invitation_id": None,
        "outcome": None,
        "told_not_watched": False,
    }
    inbound_id = session.connection().execute(_INBOUND_INSERT, values).scalar()
    if inbound_id is None:
        return False
    jobs.enqueue(
        session,
        kind=HANDLE,
        payload={"inbound_id": inbound_id},
        unique_key=f"{HANDLE}:{inbound_id}",
    )
    return True


@jobs.handler(HANDLE)
def handle_inbound(session: Session, payload: dict[str, Any]) -> None:
    """Handle every unhandled text from this sender, oldest first, under a lock on their
    conversation, so two workers never interleave one person's replies."""
    first = session.get(InboundMessage, payload["inbound_id"])
    if first is None or first.handled_at is not None:
        return
    invitation = _open_invitation(session, first.sender_hash)
    pending = session.scalars(
        select(InboundMessage)
        .where(InboundMessage.sender_hash == first.sender_hash, InboundMessage.handled_at.is_(None))
        .order_by(InboundMessage.received_at, InboundMessage.id)
    ).all()
    for inbound in pending:
        outcome = _handle_one(session, inbound, invitation)
        inbound.outcome = outcome
        if invitation is not None and inbound.invitation_id is None:
            inbound.invitation_id = invitation.id
        inbound.handled_at = datetime.now(UTC)
        # The words now live on only in the response (if they were an answer) or, encrypted,
        # in kept_body_encrypted (a text outside a survey, read by a person).
        inbound.body = None
        inbound.sender_encrypted = None
        invitation = _open_invitation(session, first.sender_hash)
    session.flush()


def _open_invitation(session: Session, sender_hash: str) -> Invitation | None:
    """The newest text invitation still open for this number, locked for this transaction."""
    return session.scalar(
        select(Invitation)
        .where(
            Invitation.contact_hash == sender_hash,
            Invitation.channel == Channel.sms,
            Invitation.status.in_((InvitationStatus.sent, InvitationStatus.started)),
        )
        .order_by(Invitation.id.desc())
        .limit(1)
        .with_for_update()
    )


def _handle_one(session: Session, inbound: InboundMessage, invitation: Invitation | None) -> str:
    """One text, in the order of decision 14; the outcome's name."""
    body = inbound.body or ""
    sender = crypto.decrypt(inbound.sender_encrypted) if inbound.sender_encrypted else None
    opted_out = messages.is_opted_out(session, inbound.sender_hash)
    verdict = keywords.classify(body)
    settings = get_settings()
    language = invitation.language if invitation else Language.en
    # A Welsh keyword is answered in Welsh, whatever the conversation's language.
    reply_in = verdict.language if verdict and verdict.language is Language.cy else language
    # The provider (Twilio Advanced Opt-Out) answers its own keywords when so configured.
    we_answer = verdict is not None and not (
        verdict.provider_standard and settings.sms_keyword_replies_by_provider
    )

    invitation_id = invitation.id if invitation else None
    # A young person's last invitation makes the reply a young person's (Welsh "ti").
    last = invitation or kept.last_invitation(session, inbound.sender_hash)
    audience = last.audience if last else None

    def say(purpose: MessagePurpose, words: str, in_language: Language) -> None:
        if sender:
            reply(session, sender, purpose, in_language, invitation_id, words)

    def help_text(in_language: Language) -> str:
        return texts.help_text(
            council=settings.council_name_in(in_language),
            phone=settings.council_phone,
            language=in_language,
        )

    keyword = verdict.keyword if verdict else None
    if keyword is keywords.Keyword.opt_out:
        source = OptOutSource.intent if verdict and verdict.phrase else OptOutSource.keyword
        _stop(session, inbound.sender_hash, invitation, source, reply_in)
        if we_answer:
            say(
                MessagePurpose.opt_out_confirmation,
                texts.opted_out(
                    council=settings.council_name_in(reply_in), language=reply_in, audience=audience
                ),
                reply_in,
            )
        return "opted_out"
    if keyword is keywords.Keyword.opt_in and opted_out:
        messages.opt_in(session, contact_hash=inbound.sender_hash)
        if we_answer:
            say(
                MessagePurpose.opt_in_confirmation,
                texts.opted_in(
                    council=settings.council_name_in(reply_in), language=reply_in, audience=audience
                ),
                reply_in,
            )
        return "resumed" if resume.resume(session, inbound.sender_hash, sender) else "opted_in"
    if opted_out:
        # They asked for silence, so no reply; but what they wrote is still read by a person.
        kept.outside(session, inbound, body, sender, answer=False)
        return "kept_opted_out"
    if keyword is keywords.Keyword.help:
        if we_answer:
            say(MessagePurpose.help, help_text(reply_in), reply_in)
        return "help"
    if invitation is None and keyword is keywords.Keyword.opt_in:
        return "already_opted_in"  # START from a number that never stopped: nothing to do
    if invitation is None:
        # After the thank-you, before a survey, or from a number we never wrote to.
        return kept.outside(session, inbound, body, sender)
    if invitation.mode is InvitationMode.link:
        # They texted back instead of tapping the link: keep the words for a person to read,
        # and say (once a day) that nobody watches this number and where help is now.
        kept.outside(session, inbound, body, sender)
        return "help_for_link"
    return _answer(session, invitation, inbound, sender)


def _stop(
    session: Session,
    contact_hash: str,
    invitation: Invitation | None,
    source: OptOutSource,
    language: Language,
) -> None:
    messages.opt_out(session, contact_hash=contact_hash, source=source, language=language)
    if invitation is not None:
        # What they answered before saying stop was given on purpose: keep it.
        _submit(session, invitation, Completeness.partial)
        if invitation.status is not InvitationStatus.completed:
            invitations.end(
                session, invitation, status=InvitationStatus.cancelled, reason="opted_out"
            )


def _answer(
    session: Session, invitation: Invitation, inbound: InboundMessage, sender: str | None
) -> str:
    body = inbound.body or ""
    definition = invitations.survey_definition(session, invitation)
    asked = conversation.questions(definition)
    if invitation.question_index >= len(asked):
        kept.outside(session, inbound, body, sender)
        return "after_end"
    first_reply = invitation.started_at is None
    invitations.started(session, invitation)
    question = asked[invitation.question_index]
    if first_reply and invitation.question_index == 0 and conversation.is_go_ahead(body):
        # The first text is the introduction and question 1 together: a bare "yes" (or "ok",
        # "ie") answers the introduction. Storing it as "Agree" would put words in their
        # mouth, so question 1 is asked again, on its own, and nothing is stored.
        if sender:
            reply(
                session,
                sender,
                MessagePurpose.question,
                invitation.language,
                invitation.id,
                written_for(
                    invitation,
                    lambda language: conversation.question_message(
                        question,
                        number=1,
                        total=len(asked),
                        language=language,
                        tense=tense_of(session, invitation),
                        scales=library.scales(),
                    ),
                ),
            )
        return "go_ahead"
    parsed = conversation.parse(question, body, library.scales())
    if (
        invitation.language is Language.en or not invitation.language_known
    ) and conversation.reads_as_welsh(question, body, library.scales()):
        # They answered in Welsh: we carry on in Welsh, now and in every later message.
        preference.learned(session, invitation, Language.cy, LanguageSource.reply)
    elif (
        not invitation.language_known
        and parsed.understood
        and question.kind is QuestionKind.free_text
        and detect_language(normalise(body)) == "en"
    ):
        preference.learned(session, invitation, Language.en, LanguageSource.reply)
    language = invitation.language
    free_text = question.kind is QuestionKind.free_text
    if keywords.sounds_like_stop(body) and not _asked_if_stop(session, invitation):
        # "please stop", "leave me alone": ask once rather than guess. The words are not lost:
        # on the free-text question they are its answer (a further reply is added to them);
        # elsewhere they are kept for a person to read.
        if free_text and parsed.understood and parsed.answer is not None:
            invitation.answers = {**(invitation.answers or {}), question.key: parsed.answer}
            safety.free_text_given(session, invitation, question=question.key)
        else:
            kept.keep(session, inbound, body, invitation)
        if sender:
            reply(
                session,
                sender,
                MessagePurpose.question,
                language,
                invitation.id,
                written_for(invitation, lambda language: texts.ask_if_stop(language=language)),
            )
        return ASKED_IF_STOP
    if not parsed.understood:
        # Not an answer, so perhaps something else they needed to say: read by a person, and
        # they are told (once a day) that nobody watches this number and where help is now.
        kept.keep(session, inbound, body, invitation)
        kept.tell_not_watched(session, inbound, body, sender)
        if not invitation.reasked:
            invitation.reasked = True
            if sender:
                again = written_for(
                    invitation,
                    lambda language: conversation.reask_message(
                        question, language=language, scales=library.scales()
                    ),
                )
                reply(session, sender, MessagePurpose.question, language, invitation.id, again)
            return "reasked"
    earlier = (invitation.answers or {}).get(question.key) if free_text else None
    reply_ = parsed
    if isinstance(earlier, str):
        # The words sent before "Do you want us to stop?" stay; what follows is added.
        if parsed.answer is None:
            reply_ = conversation.Reply(earlier, True)
        else:
            reply_ = conversation.Reply(f"{earlier}\n{parsed.answer}", True)
    if reply_.understood and reply_.answer is not None:
        invitation.answers = {**(invitation.answers or {}), question.key: reply_.answer}
        if free_text and parsed.answer is not None:
            safety.free_text_given(session, invitation, question=question.key)
    invitation.question_index += 1
    invitation.reasked = False
    if invitation.question_index < len(asked):
        if sender:
            following = asked[invitation.question_index]
            reply(
                session,
                sender,
                MessagePurpose.question,
                language,
                invitation.id,
                written_for(
                    invitation,
                    lambda language: conversation.question_message(
                        following,
                        number=invitation.question_index + 1,
                        total=len(asked),
                        language=language,
                        tense=tense_of(session, invitation),
                        scales=library.scales(),
                    ),
                ),
            )
        return "answered" if reply_.understood else "not_understood_twice"
    _submit(session, invitation, Completeness.complete)
    if sender:
        reply(
            session,
            sender,
            MessagePurpose.thanks,
            language,
            invitation.id,
            written_for(
                invitation,
                lambda language: texts.thanks(
                    council=get_settings().council_name_in(language),
                    url=you_said_we_did_url(language),
                    language=language,
                ),
            ),
        )
    return "completed"


def submit_partial(session: Session, invitation: Invitation) -> bool:
    """Whatever was answered by text before the conversation stopped, kept as partial."""
    return _submit(session, invitation, Completeness.partial)


def _submit(session: Session, invitation: Invitation, completeness: Completeness) -> bool:
    """The conversation's answers through intake, once (keyed by the invitation)."""
    answers = invitation.answers or {}
    if not answers:
        return False
    point = (
        session.get(CollectionPoint, invitation.collection_point_id)
        if invitation.collection_point_id
        else None
    )
    team = session.get(Team, invitation.team_id) if invitation.team_id else None
    key = session.scalar(select(Survey.key).where(Survey.id == invitation.survey_id))
    submission = Submission(
        survey=key or "",
        survey_version=invitation.survey_version,
        channel=Channel.sms,
        language=invitation.language,
        team=team.slug if team else None,
        collection_point=point.key if point else None,
        completeness=completeness,
        answers=answers,
        idempotency_key=_submission_key(session, invitation, answers),
    )
    try:
        stored = intake.ingest(session, submission=submission, invitation_id=invitation.id)
    except InvalidInput:
        return False
    safety.answers_stored(session, invitation, stored.response)
    return True


def _submission_key(session: Session, invitation: Invitation, answers: dict[str, Any]) -> str:
    """`invitation:<public id>`; after STOP then START, the answers given since are a second
    response, keyed by which questions it holds (the first, partial one is already stored and
    analysed, and a stored response is never rewritten)."""
    base = f"invitation:{invitation.public_id}"
    if session.scalar(select(Response.id).where(Response.idempotency_key == base)) is None:
        return base
    part = hashlib.sha256(",".join(sorted(answers)).encode()).hexdigest()[:16]
    return f"{base}:part-{part}"


def _asked_if_stop(session: Session, invitation: Invitation) -> bool:
    """Whether this conversation already asked "Do you want us to stop?" (only ever once)."""
    found = session.scalar(
        select(InboundMessage.id)
        .where(
            InboundMessage.invitation_id == invitation.id,
            InboundMessage.outcome == ASKED_IF_STOP,
        )
        .limit(1)
    )
    return found is not None


def you_said_we_did_url(language: Language) -> str:
    base = get_settings().public_base_url.rstrip("/")
    return f"{base}/you-said-we-did" + ("?lang=cy" if language is Language.cy else "")
