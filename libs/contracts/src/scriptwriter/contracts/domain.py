"""Inputs writers give to the human nodes, validated strictly with field-level errors."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .genres import PLATFORMS, format_genre_path, is_genre_path
from .ids import Identifier

Platform = Annotated[str, Field(description="one of " + ", ".join(PLATFORMS))]


class BrainstormParams(BaseModel):
    """What the writer asks the brainstorm for (node `collect_requirements`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platform: Platform = "抖音"
    genrePaths: list[list[str]] = Field(min_length=1, max_length=3)
    genreProportions: list[float] | None = None
    requirements: Annotated[str, StringConstraints(max_length=2000)] = ""
    numberOfIdeas: int = Field(default=3, ge=1, le=4)

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        if value not in PLATFORMS:
            raise ValueError(f"unknown platform; choose one of {', '.join(PLATFORMS)}")
        return value

    @field_validator("genrePaths")
    @classmethod
    def _paths_in_tree(cls, paths: list[list[str]]) -> list[list[str]]:
        for path in paths:
            if not is_genre_path(path):
                raise ValueError(f"not a path of the genre tree: {format_genre_path(path)}")
        if len({tuple(p) for p in paths}) != len(paths):
            raise ValueError("genre paths must be distinct")
        return paths

    @model_validator(mode="after")
    def _proportions_match(self) -> BrainstormParams:
        if self.genreProportions is None:
            return self
        if len(self.genreProportions) != len(self.genrePaths):
            raise ValueError("genreProportions needs one percentage per genre path")
        if any(p <= 0 for p in self.genreProportions):
            raise ValueError("every genre proportion must be positive")
        if abs(sum(self.genreProportions) - 100) > 0.01:
            raise ValueError("genreProportions must sum to 100")
        return self

    def proportions(self) -> list[float]:
        if self.genreProportions is not None:
            return list(self.genreProportions)
        return [100 / len(self.genrePaths)] * len(self.genrePaths)

    def genre_label(self) -> str:
        """The genre line of the prompt: `女频 > 爱情类 > 甜宠`, with ` (40%)` when there are several."""
        if len(self.genrePaths) == 1:
            return format_genre_path(self.genrePaths[0])
        return "；".join(
            f"{format_genre_path(p)} ({share:g}%)" for p, share in zip(self.genrePaths, self.proportions(), strict=True)
        )


class SelectIdeaInput(BaseModel):
    """The writer's choice among the ideas (node `select_idea`), optionally edited."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    selectedIdeaId: Identifier
    title: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    body: Annotated[str, StringConstraints(min_length=1, max_length=5000)] | None = None
