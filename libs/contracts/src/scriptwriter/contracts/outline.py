"""The outline the model writes (template `outline`), with character types normalised."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

CHARACTER_TYPES = (
    "male_lead",
    "female_lead",
    "male_second",
    "female_second",
    "male_supporting",
    "female_supporting",
    "antagonist",
    "other",
)

_TYPE_LABELS: dict[str, str] = {
    "男主": "male_lead",
    "男主角": "male_lead",
    "男一": "male_lead",
    "男一号": "male_lead",
    "女主": "female_lead",
    "女主角": "female_lead",
    "女一": "female_lead",
    "女一号": "female_lead",
    "男二": "male_second",
    "男二号": "male_second",
    "男配": "male_supporting",
    "男配角": "male_supporting",
    "女二": "female_second",
    "女二号": "female_second",
    "女配": "female_supporting",
    "女配角": "female_supporting",
    "反派": "antagonist",
    "大反派": "antagonist",
    "反派角色": "antagonist",
    "配角": "other",
    "其他": "other",
}


def normalise_character_type(value: object) -> str:
    """Chinese labels (男主, 女主, 反派…) and English variants map to the fixed set; unknown → `other`."""
    text = str(value or "").strip()
    lowered = text.lower().replace(" ", "_").replace("-", "_")
    if lowered in CHARACTER_TYPES:
        return lowered
    if text in _TYPE_LABELS:
        return _TYPE_LABELS[text]
    for label, kind in sorted(_TYPE_LABELS.items(), key=lambda item: -len(item[0])):
        if label in text:
            return kind
    english = {"protagonist": "other", "villain": "antagonist", "lead": "other"}
    return english.get(lowered, "other")


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TargetAudience(_Lenient):
    demographic: str = ""
    core_themes: list[str] = []


class Setting(_Lenient):
    core_setting_summary: str = ""
    key_scenes: list[str] = []


class Character(_Lenient):
    name: str = Field(min_length=1)
    type: str = "other"
    description: str = ""
    age: str = ""
    gender: str = ""
    occupation: str = ""
    personality_traits: list[str] = []
    character_arc: str = ""
    relationships: dict[str, str] = {}
    key_scenes: list[str] = []

    @field_validator("type", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> str:
        return normalise_character_type(value)

    @field_validator("age", mode="before")
    @classmethod
    def _age_text(cls, value: object) -> str:
        return "" if value is None else str(value)

    @field_validator("relationships", mode="before")
    @classmethod
    def _relationships(cls, value: object) -> dict[str, str]:
        if isinstance(value, dict):
            return {str(k): str(v) for k, v in value.items()}
        if isinstance(value, list):
            found: dict[str, str] = {}
            for item in value:
                if isinstance(item, dict) and "name" in item:
                    found[str(item["name"])] = str(item.get("relation") or item.get("description") or "")
            return found
        return {}


class Outline(_Lenient):
    title: str = Field(min_length=1)
    genre: str = ""
    target_audience: TargetAudience = TargetAudience()
    selling_points: list[str] = Field(default_factory=list, min_length=1)
    satisfaction_points: list[str] = Field(default_factory=list, min_length=1)
    setting: Setting = Setting()
    characters: list[Character] = Field(min_length=1)
    synopsis_stages: list[str] = Field(min_length=1)
    totalEpisodes: int | None = Field(default=None, ge=1, le=200)
    episodeDuration: int | None = Field(default=None, ge=1, le=60)
    """Set from the writer's settings when the outline is generated, not by the model."""

    def leads(self) -> list[Character]:
        return [c for c in self.characters if c.type in ("male_lead", "female_lead")]


def outline_from(value: Any) -> Outline:
    return Outline.model_validate(value)
