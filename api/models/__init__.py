"""Every model, imported here so Alembic and the mappers see the whole schema."""

from api.models.accounts import ApiToken, StaffSession, StaffUser, staff_user_teams
from api.models.actions import Action, action_responses
from api.models.analysis import (
    AlertEvent,
    AlertNotification,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    LearnedModel,
    SafeguardingAlert,
)
from api.models.audit import AuditEvent
from api.models.base import Base
from api.models.caseload import CaseContact, CaseContactCharacteristic
from api.models.concerns import PossibleConcern
from api.models.digests import Digest
from api.models.episodes import Episode
from api.models.equality import EqualityAnswer
from api.models.forms import FormDraft
from api.models.forums import Forum
from api.models.invitations import CaseEvent, ContactLanguage, Invitation
from api.models.jobs import Job
from api.models.messaging import InboundMessage, OptOut, OutboundMessage, SendSlot
from api.models.qr import QrPlacement, QrScan
from api.models.responses import Answer, Response
from api.models.retention import RetentionRun
from api.models.surveys import Survey, SurveyQuestion, SurveyVersion, WelshApproval
from api.models.tallies import ResponseTally, StatementTally, TallyMark, ThemeTally
from api.models.teams import CollectionPoint, Team

__all__ = [
    "Action",
    "AlertEvent",
    "AlertNotification",
    "Answer",
    "AnswerAnalysis",
    "AnswerReview",
    "AnswerTheme",
    "ApiToken",
    "AuditEvent",
    "Base",
    "CaseContact",
    "CaseContactCharacteristic",
    "CaseEvent",
    "CollectionPoint",
    "ContactLanguage",
    "Digest",
    "Episode",
    "EqualityAnswer",
    "FormDraft",
    "Forum",
    "InboundMessage",
    "Invitation",
    "Job",
    "LearnedModel",
    "OptOut",
    "OutboundMessage",
    "PossibleConcern",
    "QrPlacement",
    "QrScan",
    "Response",
    "ResponseTally",
    "RetentionRun",
    "SafeguardingAlert",
    "SendSlot",
    "StaffSession",
    "StaffUser",
    "StatementTally",
    "Survey",
    "SurveyQuestion",
    "SurveyVersion",
    "TallyMark",
    "Team",
    "ThemeTally",
    "WelshApproval",
    "action_responses",
    "staff_user_teams",
]
