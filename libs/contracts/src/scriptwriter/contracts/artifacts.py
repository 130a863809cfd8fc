"""Artifact payloads of DOMAIN.md as one discriminated union; artifacts are immutable once written."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .domain import BrainstormParams
from .outline import Outline


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class BrainstormParamsArtifact(_Frozen):
    type: Literal["brainstorm_params"] = "brainstorm_params"
    data: BrainstormParams


class BrainstormIdeaData(_Frozen):
    title: str
    body: str
    genre: str
    orderIndex: int


class BrainstormIdeaArtifact(_Frozen):
    type: Literal["brainstorm_idea"] = "brainstorm_idea"
    data: BrainstormIdeaData


class UserInputData(_Frozen):
    originalArtifactId: str
    modifications: dict[str, Any]


class UserInputArtifact(_Frozen):
    type: Literal["user_input"] = "user_input"
    data: UserInputData


class OutlineParamsData(_Frozen):
    sourceArtifactId: str
    totalEpisodes: int = Field(default=60, ge=1, le=200)
    episodeDuration: int = Field(default=2, ge=1, le=60)
    requirements: str = ""


class OutlineParamsArtifact(_Frozen):
    type: Literal["outline_params"] = "outline_params"
    data: OutlineParamsData


class OutlineArtifact(_Frozen):
    type: Literal["outline"] = "outline"
    data: Outline


class EpisodeContextArtifact(_Frozen):
    type: Literal["episode_context"] = "episode_context"
    data: dict[str, Any]


class EpisodeSummaryData(_Frozen):
    summary: str
    key_events: list[str] = []
    cliffhanger: str = ""


class EpisodeSummaryArtifact(_Frozen):
    type: Literal["episode_summary"] = "episode_summary"
    data: EpisodeSummaryData


class EpisodeData(_Frozen):
    episodeNumber: int = Field(ge=1)
    title: str
    content: str
    wordCount: int = Field(ge=0)


class EpisodeArtifact(_Frozen):
    type: Literal["episode"] = "episode"
    data: EpisodeData


ArtifactPayload = Annotated[
    BrainstormParamsArtifact
    | BrainstormIdeaArtifact
    | UserInputArtifact
    | OutlineParamsArtifact
    | OutlineArtifact
    | EpisodeContextArtifact
    | EpisodeSummaryArtifact
    | EpisodeArtifact,
    Field(discriminator="type"),
]
ARTIFACT_PAYLOAD: TypeAdapter[ArtifactPayload] = TypeAdapter(ArtifactPayload)
ARTIFACT_TYPES: tuple[str, ...] = (
    "brainstorm_params",
    "brainstorm_idea",
    "user_input",
    "outline_params",
    "outline",
    "episode_context",
    "episode_summary",
    "episode",
)


class Artifact(_Frozen):
    """A stored artifact: the payload plus who owns it and which transform wrote it."""

    id: str
    type: str
    version: str = "v1"
    userId: str
    executionId: str
    transformId: str
    createdAt: str
    data: dict[str, Any]


class TransformInput(_Frozen):
    artifactId: str
    role: str
