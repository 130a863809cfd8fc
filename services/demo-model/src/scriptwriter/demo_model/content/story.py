"""The canned stories behind the outline, summary and episode answers, and the scenes episodes are cut from.

A story's characters each fill a role that scene text refers to by placeholder: `{F}` the female lead, `{M}` the
male lead, `{V}` and `{X}` the antagonists, `{S}` and `{H}` supporting characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CannedCharacter:
    role: str
    name: str
    type: str
    description: str
    age: str | int
    gender: str
    occupation: str
    personality_traits: tuple[str, ...]
    character_arc: str
    relationships: Mapping[str, str]
    key_scenes: tuple[str, ...]


@dataclass(frozen=True)
class Scene:
    """One scene of an episode; `lines` are action (`△`), dialogue and voice-over with role placeholders."""

    place: str
    time: str
    side: str
    cast: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ScenePool:
    """Scenes an episode is assembled from: a hook to open, middles, a cliffhanger to close."""

    titles: tuple[str, ...]
    hooks: tuple[Scene, ...]
    middles: tuple[Scene, ...]
    cliffhangers: tuple[Scene, ...]
    summary: str
    key_events: tuple[str, ...]
    cliffhanger: str


@dataclass(frozen=True)
class Story:
    key: str
    keywords: tuple[str, ...]
    protagonist: str
    """Role of the lead that the first name found in an idea replaces (`F` or `M`)."""
    title: str
    genre: str
    demographic: str
    core_themes: tuple[str, ...]
    selling_points: tuple[str, ...]
    satisfaction_points: tuple[str, ...]
    setting_summary: str
    setting_scenes: tuple[str, ...]
    characters: tuple[CannedCharacter, ...]
    stages: tuple[str, ...]
    scenes: ScenePool
    surname_words: tuple[str, ...] = ()
    """Words carrying the protagonist's surname (their family, a sibling), renamed along with them."""

    def cast(self) -> dict[str, str]:
        return {c.role: c.name for c in self.characters}

    def other_lead(self) -> str:
        return "M" if self.protagonist == "F" else "F"
