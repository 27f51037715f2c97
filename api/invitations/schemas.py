"""What a case system posts, and what it is told back (never a number or an address)."""

from __future__ import annotations

from datetime import datetime

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from api.invitations import characteristics as council_characteristics
from api.models.enums import AgeBand, ContactRole, Language

# Case references are pseudonymous ids: letters, digits and a little punctuation, so a name
# ("Jane Smith") is refused rather than stored.
CASE_REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_\-:/.]{0,63}$"


class ContactIn(BaseModel):
    # Unknown fields are refused: a misspelt do_not_contact must never be ignored.
    model_config = ConfigDict(extra="forbid")

    role: ContactRole
    phone: str | None = Field(None, max_length=32, examples=["07700 900123"])
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    language: Language | None = Field(
        None,
        description="The language the person prefers, if the case system knows it. Left out, "
        "a preference recorded earlier (a form, a Welsh reply) is used; if there is none, the "
        "texts and emails go in both languages (Welsh first where the council says so) until "
        "the person shows which.",
    )
    do_not_contact: bool = Field(
        False, description="From the case system (a shared phone, court sensitivity): always wins."
    )
    reason: str | None = Field(
        None, max_length=200, description="Why not to contact; read, never stored."
    )
    age_band: AgeBand | None = Field(
        None, description="The child's age band at the event, for a child or young person's case."
    )
    characteristics: dict[str, str] = Field(
        default_factory=dict,
        max_length=10,
        description="Characteristics the council chose to count (YOUSAID_CHARACTERISTICS_FILE), "
        'name to value, e.g. {"ethnicity": "mixed", "disability": "yes"}; only counted.',
        examples=[{"disability": "yes"}],
    )

    @field_validator("characteristics")
    @classmethod
    def _on_the_councils_list(cls, value: dict[str, str]) -> dict[str, str]:
        chosen = council_characteristics.current()
        for name, given in value.items():
            problem = chosen.problem(name, given)
            if problem:
                raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _reachable(self) -> ContactIn:
        if not self.phone and not self.email and not self.do_not_contact:
            raise ValueError("a contact needs a phone, an email, or both")
        return self


class CaseEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(min_length=1, max_length=100, description="Makes the call idempotent.")
    case_ref: str = Field(pattern=CASE_REF_PATTERN, description="Pseudonymous; never a name.")
    event: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,63}$", examples=["front_door_completed", "case_closed"]
    )
    team: str = Field(max_length=64, description="A team's slug.")
    occurred_at: AwareDatetime
    contacts: list[ContactIn] = Field(max_length=20)


class ContactOutcome(BaseModel):
    role: ContactRole
    result: str = Field(description="invited or skipped")
    reason: str | None = Field(
        None,
        description="Why skipped: do_not_contact, opted_out, recently_surveyed, not_a_mobile, "
        "invalid_phone, no_survey_for_role, event_not_surveyed.",
    )
    channel: str | None = None
    mode: str | None = None
    send_after: datetime | None = None
    invitation_id: str | None = None
    # The invitation's row, for the caseload's count (never shown: the public id is).
    _row_id: int | None = PrivateAttr(None)


class CaseEventRead(BaseModel):
    event_id: str
    collection_point: str | None
    duplicate: bool = Field(description="True when this event_id was received before.")
    contacts: list[ContactOutcome]
