"""The closed vocabularies of the domain, stored as their string values."""

from enum import StrEnum


class Audience(StrEnum):
    young_person = "young_person"
    parent_carer = "parent_carer"
    partner = "partner"


class Channel(StrEnum):
    web = "web"
    qr = "qr"
    sms = "sms"
    email = "email"
    import_ = "import"
    api = "api"


class Language(StrEnum):
    en = "en"
    cy = "cy"


class Completeness(StrEnum):
    partial = "partial"
    complete = "complete"


class ServiceArea(StrEnum):
    front_door = "front_door"
    assessment = "assessment"
    cin_cp = "cin_cp"
    children_in_care = "children_in_care"
    early_help = "early_help"
    disability = "disability"
    other = "other"


class Tense(StrEnum):
    """Whether a collection point asks while we work with the family or after we stopped."""

    during = "during"
    after = "after"


class QuestionKind(StrEnum):
    agreement = "agreement"  # 1 strongly disagree .. 5 strongly agree, plus "does not apply"
    faces = "faces"  # five faces with text labels, 1 (very sad) .. 5 (very happy)
    choice = "choice"  # one of a fixed list of options
    free_text = "free_text"


class Role(StrEnum):
    admin = "admin"
    rights_team = "rights_team"
    manager = "manager"
    practitioner = "practitioner"


class InvitationStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    started = "started"
    completed = "completed"
    expired = "expired"
    cancelled = "cancelled"


class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class SentimentLabel(StrEnum):
    positive = "positive"
    negative = "negative"
    mixed = "mixed"
    neutral = "neutral"


class ThemePolarity(StrEnum):
    positive = "positive"
    negative = "negative"


class AlertStatus(StrEnum):
    """new -> acknowledged -> referred | no_further_action -> closed."""

    new = "new"
    acknowledged = "acknowledged"
    referred = "referred"
    no_further_action = "no_further_action"
    closed = "closed"


class ActionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
