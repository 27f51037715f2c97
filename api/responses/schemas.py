"""What a channel submits to intake, and what the API returns."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from api.models.enums import Audience, Channel, Completeness, Language, QuestionKind, Visibility
from api.reviews.schemas import ReviewedRead

NOT_APPLICABLE = "not_applicable"

# Strict, so JSON true is not taken for the number 1.
AnswerValue = StrictInt | StrictStr | None


class Submission(BaseModel):
    """One respondent's answers, as every channel hands them to the intake service."""

    model_config = ConfigDict(extra="forbid")

    survey: str = Field(max_length=64, examples=["parent-carer"])
    survey_version: int | None = Field(None, ge=1, description="Newest version when omitted.")
    audience: Audience | None = Field(None, description="The survey's audience when omitted.")
    channel: Channel = Channel.api
    collection_point: str | None = Field(None, max_length=64, examples=["closure"])
    team: str | None = Field(None, max_length=64, description="A team's slug.")
    language: Language = Language.en
    completeness: Completeness = Completeness.complete
    submitted_at: AwareDatetime | None = Field(None, description="Now when omitted.")
    answers: dict[str, AnswerValue] = Field(
        max_length=200,
        description="Question key to answer: 1-5 for scales (or 'not_applicable'), an option "
        "value for choices, text (up to 5,000 characters) for free text; null for unanswered.",
        examples=[{"listened_to": 5, "one_thing_to_change": "Nothing, she was great"}],
    )
    idempotency_key: str | None = Field(
        None, min_length=1, max_length=200, description="Or the Idempotency-Key header."
    )
    respondent_name: str | None = Field(
        None, max_length=100, description="Only if the respondent chose to give their name."
    )
    visibility: dict[str, Visibility] = Field(
        default_factory=dict,
        max_length=200,
        description="Free-text question key to who the child chose may read those words "
        "(young people's surveys); left out: not asked.",
        examples=[{"worries": "rights_team"}],
    )


class ThemeRead(BaseModel):
    id: str
    polarity: str
    evidence: list[str] | None = Field(
        None, description="The words that triggered it; only for roles with raw access."
    )


class SentimentRead(BaseModel):
    label: str
    score: float | None = Field(
        None, description="The analysis's score; none when a person set the feeling."
    )


class SuggestedRead(BaseModel):
    """What the analysis suggested, kept apart once a person has reviewed the answer."""

    themes: list[ThemeRead]
    sentiment: SentimentRead


class AnswerRead(BaseModel):
    question: str
    kind: QuestionKind
    value: int | None = None
    not_applicable: bool = False
    choice: str | None = None
    text: str | None = None
    text_redacted: bool = Field(
        False, description="True when `text` is the redacted copy (your role sees no raw text)."
    )
    text_withheld: bool = Field(
        False,
        description="True when there is free text you cannot see: not yet redacted, or the "
        "child chose readers who are not you (`visibility`).",
    )
    text_kept_by_choice: bool = Field(
        False, description="True when the child chose readers who are not you (`visibility`)."
    )
    visibility: Visibility | None = Field(
        None,
        description="Who the child chose may read the words: worker (their worker's team and "
        "the rights team), rights_team (the rights team only) or service (anyone who helps "
        "improve the service, without their name); null when not asked.",
    )
    themes: list[ThemeRead] | None = Field(
        None, description="The answer's themes: a reviewer's once reviewed, else the analysis's."
    )
    sentiment: SentimentRead | None = None
    reviewed: ReviewedRead | None = Field(
        None, description="Who reviewed the answer and when; `themes` and `sentiment` are theirs."
    )
    suggested: SuggestedRead | None = Field(
        None, description="What the analysis suggested (the same as `themes` until reviewed)."
    )


class ResponseRead(BaseModel):
    id: str
    survey: str
    survey_version: int
    team: str | None
    collection_point: str | None
    audience: Audience
    channel: Channel
    language: Language
    completeness: Completeness
    submitted_at: datetime
    submitted_on: date
    named: bool = Field(False, description="The respondent gave their name.")
    respondent_name: str | None = Field(
        None, description="Only when one response is fetched by a role with raw access."
    )
    answers: list[AnswerRead] | None = Field(None, description="Only when one response is fetched.")


class ResponsePage(BaseModel):
    items: list[ResponseRead]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page.")
