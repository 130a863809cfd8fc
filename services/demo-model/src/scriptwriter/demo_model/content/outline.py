"""Template `outline`: a full series outline for the idea in the prompt.

Reads `创意标题`, `创意梗概`, `题材`, `总集数` and `每集时长` lines when present.
"""

from __future__ import annotations

import json
from typing import Any

from .prompt import field, integer, names_in, seed
from .stories import story_for
from .story import Story

DEFAULT_EPISODES = 60
DEFAULT_MINUTES = 2
_STAGE_NAMES = ("第一阶段", "第二阶段", "第三阶段", "第四阶段", "第五阶段")


def outline(prompt: str) -> str:
    title = field(prompt, "创意标题")
    body = field(prompt, "创意梗概") or ""
    episodes = integer(prompt, "总集数") or DEFAULT_EPISODES
    minutes = integer(prompt, "每集时长") or DEFAULT_MINUTES
    story = story_for(" ".join((title or "", body, field(prompt, "题材") or "")), seed(prompt))
    value = _outline(story, title or story.title, episodes, minutes)
    return json.dumps(_renamed(value, _renames(story, names_in(body))), ensure_ascii=False, indent=2)


def _outline(story: Story, title: str, episodes: int, minutes: int) -> dict[str, Any]:
    return {
        "title": title,
        "genre": story.genre,
        "target_audience": {"demographic": story.demographic, "core_themes": list(story.core_themes)},
        "selling_points": list(story.selling_points),
        "satisfaction_points": list(story.satisfaction_points),
        "setting": {
            "core_setting_summary": f"{story.setting_summary}全剧共{episodes}集，每集约{minutes}分钟，集集有卡点。",
            "key_scenes": list(story.setting_scenes),
        },
        "characters": [
            {
                "name": c.name,
                "type": c.type,
                "description": c.description,
                "age": c.age,
                "gender": c.gender,
                "occupation": c.occupation,
                "personality_traits": list(c.personality_traits),
                "character_arc": c.character_arc,
                "relationships": dict(c.relationships),
                "key_scenes": list(c.key_scenes),
            }
            for c in story.characters
        ],
        "synopsis_stages": [_stage_label(i, len(story.stages), episodes) + s for i, s in enumerate(story.stages)],
    }


def _stage_label(index: int, stages: int, episodes: int) -> str:
    name = _STAGE_NAMES[index] if index < len(_STAGE_NAMES) else f"第{index + 1}阶段"
    if episodes < stages:
        return f"{name}："
    first, last = episodes * index // stages + 1, episodes * (index + 1) // stages
    return f"{name}（第{first}–{last}集）："


def _renames(story: Story, names: list[str]) -> dict[str, str]:
    """Canned names → the names the idea uses: its first name for the protagonist, a second for the other lead."""
    cast = story.cast()
    taken = set(cast.values())
    renames: dict[str, str] = {}
    for role, name in zip((story.protagonist, story.other_lead()), names, strict=False):
        if name not in taken:
            renames[cast[role]] = name
    old = cast[story.protagonist]
    new = renames.get(old)
    others = {c.name[0] for c in story.characters if c.role != story.protagonist}
    if new and new[0] != old[0] and new[0] not in others:
        renames.update({word: word.replace(old[0], new[0], 1) for word in story.surname_words})
    return renames


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    if not renames:
        return value
    if isinstance(value, str):
        for old in sorted(renames, key=len, reverse=True):
            value = value.replace(old, renames[old])
        return value
    if isinstance(value, list):
        return [_renamed(item, renames) for item in value]
    if isinstance(value, dict):
        return {_renamed(key, renames): _renamed(item, renames) for key, item in value.items()}
    return value
