"""The survey library's data shapes, validated when loaded."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.models.enums import Audience, Language, QuestionKind, Tense

KEY_PATTERN = r"^[a-z][a-z0-9_-]{0,63}$"


class TenseText(BaseModel):
    """Wording that differs while we work with a family and after we stopped."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    during: str = Field(min_length=1)
    after: str = Field(min_length=1)


Wording = str | TenseText


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: Wording
    cy: Wording

    def render_en(self) -> str:
        return self.render(Language.en, None)

    def render_cy(self) -> str:
        return self.render(Language.cy, None)

    def render(self, language: Language, tense: Tense | None) -> str:
        wording = self.en if language is Language.en else self.cy
        if isinstance(wording, str):
            return wording
        return wording.after if tense is Tense.after else wording.during


# The faces drawn on the web form (frontend/templates/faces.html), never an emoji: a phone
# without an emoji font shows an emoji as an empty box.
Drawing = Literal["very_sad", "sad", "ok", "happy", "very_happy"]
FIVE_POINTS = [1, 2, 3, 4, 5]
# A three-point scale sits on the same 1..5 line (sad 1, OK 3, happy 5), so "happy" counts in
# the top-two-box share (4 or 5) as "agree" does, and every report reads it unchanged.
THREE_POINTS = [1, 3, 5]


class ScaleOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: int = Field(ge=1, le=5)
    en: str
    cy: str
    face: str | None = None  # the emoji a text reply may use for this answer
    drawing: Drawing | None = None


class Scale(BaseModel):
    """Five points and "does not apply" (or "I don't know")."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    options: list[ScaleOption] = Field(min_length=5, max_length=5)
    not_applicable: Bilingual

    @model_validator(mode="after")
    def _values_one_to_five(self) -> Scale:
        if self.values != FIVE_POINTS:
            raise ValueError("a scale lists the values 1 to 5 in order")
        return self

    @property
    def values(self) -> list[int]:
        return [o.value for o in self.options]


class ThreeFaces(BaseModel):
    """For the youngest: sad, OK, happy, and no "I don't know" (a young child skips a question
    rather than read one more answer)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    options: list[ScaleOption] = Field(min_length=3, max_length=3)
    not_applicable: None = None

    @model_validator(mode="after")
    def _values_one_three_five(self) -> ThreeFaces:
        if self.values != THREE_POINTS:
            raise ValueError("three faces have the values 1, 3 and 5 in order")
        return self

    @property
    def values(self) -> list[int]:
        return [o.value for o in self.options]


class Scales(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    agreement: Scale
    faces: Scale
    three_faces: ThreeFaces

    def for_kind(self, kind: QuestionKind) -> Scale:
        """The five-point scale of a kind (what a text message asks: never three faces)."""
        return self.agreement if kind is QuestionKind.agreement else self.faces

    def for_question(self, question: QuestionDefinition) -> Scale | ThreeFaces:
        """The scale a question is answered on (three faces for the youngest)."""
        if question.scale == "three_faces":
            return self.three_faces
        return self.for_kind(question.kind)


class ChoiceOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str = Field(pattern=KEY_PATTERN)
    en: str
    cy: str
    # Choosing it asks for help ("Yes, I want someone to talk to me"): it raises a
    # safeguarding alert at once, whatever else is written (decision 25).
    asks_for_help: bool = False
    # A picture beside the words, for a child who cannot read yet (frontend/templates/).
    picture: Literal["talk"] | None = None


# Offered by every equality question, added by the loader where a council's file leaves it out.
PREFER_NOT_TO_SAY = {
    "value": "prefer_not_to_say",
    "en": "Prefer not to say",
    "cy": "Gwell gennyf beidio â dweud",
}


class QuestionDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str = Field(pattern=KEY_PATTERN)
    kind: QuestionKind
    text: Bilingual
    statement: bool = False
    required: bool = False
    options: list[ChoiceOption] = Field(default_factory=list)
    # For the three-houses questions of the young people's surveys.
    house: Literal["good_things", "worries", "dreams"] | None = None
    # False for a question that must not be sent to a phone (the safety question: a parent's
    # phone may be read by the person causing harm); the web form still asks it.
    ask_by_text: bool = True
    # A picture shown beside the words, for the youngest (served from the app, with words).
    picture: Literal["worried_face"] | None = None
    # Faces questions only: "three_faces" for the youngest (happy, OK, sad); else five.
    scale: Literal["three_faces"] | None = None
    # An equality monitoring question (ethnicity, disability...) asked the GOV.UK way: never
    # required, "Prefer not to say" always offered, web form only, its answers stored apart
    # from the response's and shown to staff only as suppressed counts (decision 48).
    equality: bool = False

    @model_validator(mode="before")
    @classmethod
    def _equality_defaults(cls, data: object) -> object:
        """An equality question offers "Prefer not to say" and is not sent by text, whether
        or not the council's file says so."""
        if not isinstance(data, dict) or data.get("equality") is not True:
            return data
        options = list(data.get("options") or [])
        if options and not any(
            isinstance(o, dict) and o.get("value") == PREFER_NOT_TO_SAY["value"] for o in options
        ):
            options.append(dict(PREFER_NOT_TO_SAY))
        return {**data, "options": options, "ask_by_text": data.get("ask_by_text", False)}

    @model_validator(mode="after")
    def _kind_rules(self) -> QuestionDefinition:
        scaled = self.kind in (QuestionKind.agreement, QuestionKind.faces)
        if self.statement and not scaled:
            raise ValueError(f"{self.key}: only agreement or faces questions can be statements")
        if self.scale is not None and self.kind is not QuestionKind.faces:
            raise ValueError(f"{self.key}: only faces questions can have three faces")
        if (self.kind is QuestionKind.choice) != bool(self.options):
            raise ValueError(f"{self.key}: choice questions, and only they, list options")
        if self.equality:
            self._equality_rules()
        return self

    def _equality_rules(self) -> None:
        if self.kind is not QuestionKind.choice:
            raise ValueError(f"{self.key}: only choice questions can be equality questions")
        if self.required:
            raise ValueError(f"{self.key}: an equality question is never required")
        if self.ask_by_text:
            raise ValueError(f"{self.key}: an equality question is asked on the web form only")
        if any(o.asks_for_help for o in self.options):
            raise ValueError(f"{self.key}: an equality question's answers cannot ask for help")

    def asks_for_help(self, choice: object) -> bool:
        """Whether this answer is an option that asks for help."""
        return choice is not None and any(
            o.asks_for_help and o.value == choice for o in self.options
        )

    @property
    def is_scaled(self) -> bool:
        return self.kind in (QuestionKind.agreement, QuestionKind.faces)


class SurveyDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str = Field(pattern=KEY_PATTERN)
    version: int = Field(ge=1)
    audience: Audience
    welsh_review: Literal["needs_review", "reviewed"]
    title: Bilingual
    intro: Bilingual
    # For the youngest (under 8): a trusted adult reads it with the child. The form opens with
    # a page for that adult, asks no name and uses as few words as it can.
    read_with_an_adult: bool = False
    questions: list[QuestionDefinition] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> SurveyDefinition:
        keys = [q.key for q in self.questions]
        duplicated = sorted({k for k in keys if keys.count(k) > 1})
        if duplicated:
            raise ValueError(f"question keys repeat: {', '.join(duplicated)}")
        return self

    @model_validator(mode="after")
    def _no_equality_for_the_youngest(self) -> SurveyDefinition:
        # The adult beside a child under 8 would be describing the child, not the child
        # themselves: not the self-description the equality pattern is (decision 48).
        if self.read_with_an_adult and any(q.equality for q in self.questions):
            raise ValueError("a form read with an adult asks no equality questions")
        return self

    def question(self, key: str) -> QuestionDefinition | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, QuestionDefinition]:
        return {q.key: q for q in self.questions}


class CollectionPointDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    tense: Tense
    en: str
    cy: str
