"""What the analysis found in a free-text answer, and the safeguarding alerts it raised."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from analysis import grouping
from api.models.base import Base, JSONType, str_enum, utcnow
from api.models.enums import (
    AlertSource,
    AlertStatus,
    Audience,
    Channel,
    NotificationPurpose,
    NotificationStatus,
    SafeguardingLevel,
    SentimentLabel,
    ThemePolarity,
)


def _group_key_of_row(context: Any) -> str:
    return grouping.group_key(context.get_current_parameters()["redacted_text"])


class AnswerAnalysis(Base):
    """One free-text answer's analysis. Rewritten when the answer is analysed again."""

    __tablename__ = "answer_analyses"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    empty: Mapped[bool]
    sentiment_label: Mapped[SentimentLabel] = mapped_column(str_enum(SentimentLabel))
    sentiment_score: Mapped[float] = mapped_column(Float)
    # [{"id", "polarity", "evidence": [...], "confidence"}] as the tagger gave them.
    themes: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    safeguarding_flag: Mapped[bool]
    safeguarding_categories: Mapped[list[str]] = mapped_column(JSONType)
    # alert (the duty team was told), concern (queued for a person to read) or none; and the
    # model's probability of a disclosure (None for answers analysed before it was kept).
    safeguarding_level: Mapped[SafeguardingLevel] = mapped_column(
        str_enum(SafeguardingLevel), default=SafeguardingLevel.none, server_default="none"
    )
    safeguarding_score: Mapped[float | None] = mapped_column(Float)
    needs_review: Mapped[bool]
    taxonomy_version: Mapped[int]
    # The copy of the text that may leave the raw store (digests, exports, practitioners).
    redacted_text: Mapped[str] = mapped_column(Text)
    # Which identical answers theme review groups it with (analysis.grouping), derived from
    # redacted_text whenever a row is written, so no caller can forget it.
    group_key: Mapped[str] = mapped_column(
        String(grouping.KEY_LENGTH), default=_group_key_of_row, index=True
    )
    analysed_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnswerTheme(Base):
    """One theme on one answer, a row each so reports can count themes in SQL."""

    __tablename__ = "answer_themes"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    polarity: Mapped[ThemePolarity] = mapped_column(str_enum(ThemePolarity), primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    confidence: Mapped[float] = mapped_column(Float)
    # "rules", "model" (the shipped base model), "council" (the council's own model) or
    # "reviewer" (a person's correction, which re-analysis never overwrites).
    source: Mapped[str] = mapped_column(String(16), default="rules", server_default="rules")


class SafeguardingAlert(Base):
    """A possible disclosure, or a person asking for help. It holds no text: reading the words
    is a separate, audited act.

    One alert per subject (`subject_key`): a response ("response:12"), a web form still being
    filled in ("draft:5", re-keyed to its response when it is sent) or a text that came
    outside a survey ("inbound:7"). Whatever raises it again (the analysis after the child's
    request, the finished form after its saved page) joins the same alert."""

    __tablename__ = "safeguarding_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    subject_key: Mapped[str] = mapped_column(String(80), unique=True)
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), unique=True
    )
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    draft_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_drafts.id", ondelete="SET NULL"), index=True
    )
    inbound_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="SET NULL"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id"))
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    audience: Mapped[Audience | None] = mapped_column(str_enum(Audience))
    channel: Mapped[Channel | None] = mapped_column(str_enum(Channel))
    raised_by: Mapped[AlertSource] = mapped_column(
        str_enum(AlertSource), default=AlertSource.analysis, server_default="analysis"
    )
    categories: Mapped[list[str]] = mapped_column(JSONType)
    status: Mapped[AlertStatus] = mapped_column(str_enum(AlertStatus), index=True)
    # Set when duty staff close it as no further action because it was not a disclosure:
    # the analysis learns from these.
    not_a_disclosure: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the person said it (saved the page, sent the text), not when we noticed.
    said_at: Mapped[datetime | None]
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised outside the duty team's office hours: the out-of-hours contacts were told.
    out_of_hours: Mapped[bool] = mapped_column(default=False, server_default=false())
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    assigned_at: Mapped[datetime | None]
    # How an anonymous person who asked for help said they could be reached, if they chose to
    # (Fernet-encrypted, api/core/crypto.py); shown only on asking, audited.
    offered_contact_encrypted: Mapped[str | None] = mapped_column(Text)
    # When retention took its notes, offered contact and the words behind it, some years
    # after it was closed (decision 43). The alert itself stays, so counts do not change.
    anonymised_at: Mapped[datetime | None]


class AlertNotification(Base):
    """One telling of one alert to some people: at once when raised, again when late.
    Alerts told within a minute of each other share an email (`message_id`); its job row
    (`alerts.notify:<id>`) holds the attempts. Never the words."""

    __tablename__ = "alert_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("safeguarding_alerts.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[NotificationPurpose] = mapped_column(str_enum(NotificationPurpose))
    recipients: Mapped[list[str]] = mapped_column(JSONType)
    # Who they are, in words for the alert page: "duty team", "out-of-hours team" ...
    recipients_label: Mapped[str] = mapped_column(String(120))
    status: Mapped[NotificationStatus] = mapped_column(
        str_enum(NotificationStatus), default=NotificationStatus.pending, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(200))


class AlertEvent(Base):
    """Who moved an alert on, when, and what they noted. Written, never updated."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("safeguarding_alerts.id", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    actor_label: Mapped[str] = mapped_column(String(254))
    status: Mapped[AlertStatus] = mapped_column(str_enum(AlertStatus))
    note: Mapped[str | None] = mapped_column(Text)


class AnswerReview(Base):
    """A person's correction of an answer's themes or sentiment. The latest one counts."""

    __tablename__ = "answer_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    reviewer_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reviewer_label: Mapped[str] = mapped_column(String(254))
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # [{"id", "polarity"}]: the whole set the reviewer says is right.
    themes: Mapped[list[dict[str, str]]] = mapped_column(JSONType)
    sentiment_label: Mapped[SentimentLabel] = mapped_column(str_enum(SentimentLabel))
    note: Mapped[str | None] = mapped_column(Text)


class LearnedModel(Base):
    """A council's own model (themes and sentiment), trained on its reviewed answers and its
    labelled history: an analysis.base_model.BaseModel kept as its .npz bytes, plain numbers
    read with allow_pickle=False, so loading one cannot run code."""

    __tablename__ = "learned_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_answers: Mapped[int]
    # BaseModel.to_bytes(). Empty on the retired JSON theme models trained before 0017.
    model_npz: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The retired JSON theme model (before 0017); never written now.
    parameters: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # What it learned from, its settings and what cross-validation on its training data
    # measured, to show before anyone trusts it.
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(default=True, index=True)
