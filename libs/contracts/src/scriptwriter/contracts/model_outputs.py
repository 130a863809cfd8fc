"""What each prompt template asks the model to return, validated after parsing."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .outline import Outline


class IdeaDraft(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str = Field(min_length=1, max_length=40)
    body: str = Field(min_length=1, max_length=1000)


class BrainstormOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    ideas: list[IdeaDraft] = Field(min_length=1, max_length=10)


class EpisodeSummaryOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    summary: str = Field(min_length=1)
    key_events: list[str] = []
    cliffhanger: str = ""


class EpisodeOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str = Field(min_length=1, max_length=60)
    content: str = Field(min_length=1)


TEMPLATE_OUTPUTS: dict[str, type[BaseModel]] = {
    "brainstorming": BrainstormOutput,
    "outline": Outline,
    "episode_summary": EpisodeSummaryOutput,
    "episode": EpisodeOutput,
}
"""Output model per template id; the llm-worker validates the model's final JSON against it."""
