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


class LanguageSource(StrEnum):
    """Where a person's language preference was learned."""

    case_event = "case_event"
    form = "form"
    reply = "reply"


class Visibility(StrEnum):
    """Who a child chose may read the words of one free-text answer (decision 44). An answer
    with none (an adult's, a text message's, one stored before the choice) reads as before."""

    worker = "worker"  # my worker: the answer's team, and the rights team
    rights_team = "rights_team"  # the children's rights team only
    service = "service"  # anyone who helps improve the service, without my name


class AgeBand(StrEnum):
    """A child's age when the case system told us of the event (decision 46): the bands
    children's services already report in, where a child's voice changes (early years,
    primary, older primary, secondary-age, and care leavers)."""

    under_5 = "0-4"
    age_5_7 = "5-7"
    age_8_12 = "8-12"
    age_13_17 = "13-17"
    care_leaver = "18+"


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


class AlertSource(StrEnum):
    """How an alert was raised: the person asked for help, the analysis read their words, or
    both. A child's own request never waits for the analysis (decision 25)."""

    child_request = "child_request"
    analysis = "analysis"
    both = "both"
    # A person reading a possible concern decided it is a safeguarding matter (decision 29).
    concern_review = "concern_review"


class SafeguardingLevel(StrEnum):
    """How soon a person reads an answer, as the analysis said (analysis.safeguarding.Level):
    `alert` tells the duty team at once, `concern` lists it for a person within a working
    day, `none` neither."""

    alert = "alert"
    concern = "concern"
    none = "none"


class ConcernReason(StrEnum):
    """Why the analysis put an answer in the possible concerns queue: its model was above the
    recall-first threshold, or a child's words were not confidently ordinary feedback."""

    model = "model"
    child_words = "child_words"


class ConcernStatus(StrEnum):
    open = "open"
    read = "read"


class ConcernOutcome(StrEnum):
    """What the person who read a possible concern decided."""

    ordinary_feedback = "ordinary_feedback"
    passed_to_worker = "passed_to_worker"
    raised_as_alert = "raised_as_alert"
    other = "other"


class NotificationPurpose(StrEnum):
    raised = "raised"  # the duty team (or out-of-hours) is told at once
    escalation = "escalation"  # nobody picked the alert up in time


class NotificationStatus(StrEnum):
    pending = "pending"
    sent = "sent"


class ActionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"


class ContactRole(StrEnum):
    """Who a case system asks us to invite, as it names them."""

    parent = "parent"
    carer = "carer"
    young_person = "young_person"
    partner = "partner"


class InvitationMode(StrEnum):
    conversational = "conversational"  # question by question by text
    link = "link"  # one message with a personal single-use link to the web form


class MessagePurpose(StrEnum):
    invitation = "invitation"
    reminder = "reminder"
    question = "question"
    thanks = "thanks"
    opt_out_confirmation = "opt_out_confirmation"
    opt_in_confirmation = "opt_in_confirmation"
    help = "help"


class MessageStatus(StrEnum):
    """An outbound message's life. Ours: pending -> dispatching; then the provider's:
    queued < sent < delivered, with undelivered, failed and cancelled final. A message
    whose worker died mid-call is unknown until a status callback or a person settles it."""

    pending = "pending"
    dispatching = "dispatching"
    unknown = "unknown"
    queued = "queued"
    sent = "sent"
    delivered = "delivered"
    undelivered = "undelivered"
    failed = "failed"
    cancelled = "cancelled"


class OptOutSource(StrEnum):
    keyword = "keyword"  # STOP and its kin, in English or Welsh
    intent = "intent"  # "stop texting me" written inside a survey
    provider = "provider"  # the provider refused: the number opted out with the carrier (21610)
    staff = "staff"


class DigestStatus(StrEnum):
    pending = "pending"
    # Committed just before the mail server is given the message's end: from then on it may
    # have been sent. Found so by a rerun (the worker died), it is not sent again (decision 35).
    handing_over = "handing_over"
    sent = "sent"
    # Handed to the mail server by a worker that died before it heard back: not sent again;
    # a person checks with the forum and sends it again on purpose if it did not arrive.
    may_have_been_sent = "may_have_been_sent"
    empty = "empty"  # nothing heard, and the forum does not want empty digests
    failed = "failed"
