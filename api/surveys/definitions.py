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


class ScaleOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: int = Field(ge=1, le=5)
    en: str
    cy: str
    face: str | None = None


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    options: list[ScaleOption] = Field(min_length=5, max_length=5)
    not_applicable: Bilingual

    @model_validator(mode="after")
    def _values_one_to_five(self) -> Scale:
        if [o.value for o in self.options] != [1, 2, 3, 4, 5]:
            raise ValueError("a scale lists the values 1 to 5 in order")
        return self


class Scales(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    agreement: Scale
    faces: Scale

    def for_kind(self, kind: QuestionKind) -> Scale:
        return self.agreement if kind is QuestionKind.agreement else self.faces


class ChoiceOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str = Field(pattern=KEY_PATTERN)
    en: str
    cy: str
    # Choosing it asks for help ("Yes, I want someone to talk to me"): it raises a
    # safeguarding alert at once, whatever else is written (decision 25).
    asks_for_help: bool = False


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

    @model_validator(mode="after")
    def _kind_rules(self) -> QuestionDefinition:
        scaled = self.kind in (QuestionKind.agreement, QuestionKind.faces)
        if self.statement and not scaled:
            raise ValueError(f"{self.key}: only agreement or faces questions can be statements")
        if (self.kind is QuestionKind.choice) != bool(self.options):
            raise ValueError(f"{self.key}: choice questions, and only they, list options")
        return self

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
    questions: list[QuestionDefinition] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> SurveyDefinition:
        keys = [q.key for q in self.questions]
        duplicated = sorted({k for k in keys if keys.count(k) > 1})
        if duplicated:
            raise ValueError(f"question keys repeat: {', '.join(duplicated)}")
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
