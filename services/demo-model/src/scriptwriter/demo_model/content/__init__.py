"""Canned answers per template (`X-Template-Id`), in the shapes DOMAIN.md asks of the model."""

from __future__ import annotations

import json
from collections.abc import Callable

from .brainstorming import GENRE_TAGS, IDEAS, brainstorming
from .episode import episode, episode_summary
from .outline import outline

__all__ = [
    "ANSWERS",
    "GENRE_TAGS",
    "IDEAS",
    "answer",
    "brainstorming",
    "episode",
    "episode_summary",
    "generic",
    "outline",
]


def generic(prompt: str) -> str:
    return json.dumps({"title": "示例", "content": "这是演示模型的示例输出。"}, ensure_ascii=False)


ANSWERS: dict[str, Callable[[str], str]] = {
    "brainstorming": brainstorming,
    "outline": outline,
    "episode_summary": episode_summary,
    "episode": episode,
}


def answer(template_id: str | None, prompt: str) -> str:
    return ANSWERS.get(template_id or "", generic)(prompt)
