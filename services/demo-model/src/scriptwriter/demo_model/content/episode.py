"""Templates `episode` (one script in the DOMAIN.md format) and `episode_summary` (what earlier episodes told)."""

from __future__ import annotations

import json
import re

from .prompt import episode_number
from .stories import story_and_cast
from .story import Scene


class _Cast(dict[str, str]):
    def __missing__(self, role: str) -> str:
        return "路人"


def episode(prompt: str) -> str:
    number = episode_number(prompt)
    story, cast = story_and_cast(prompt)
    pool = story.scenes
    turn = number - 1
    # Consecutive episodes differ in opening, ending and length (3–5 scenes).
    hook = pool.hooks[turn % len(pool.hooks)]
    cliffhanger = pool.cliffhangers[(turn + 1 + turn // len(pool.cliffhangers)) % len(pool.cliffhangers)]
    middles = [pool.middles[(turn + k) % len(pool.middles)] for k in range(1 + (2 * turn + turn // 3) % 3)]
    scenes = [hook, *middles, cliffhanger]
    content = "\n\n".join(_script(scene, number, index, _Cast(cast)) for index, scene in enumerate(scenes, 1))
    title = pool.titles[turn % len(pool.titles)]
    return json.dumps({"title": title, "content": content}, ensure_ascii=False, indent=2)


def _script(scene: Scene, number: int, index: int, cast: _Cast) -> str:
    heading = f"{number}-{index} {scene.place}，{scene.time}，{scene.side}"
    people = "|" + "、".join(person.format_map(cast) for person in scene.cast)
    return "\n".join([heading, people, *(line.format_map(cast) for line in scene.lines)])


def episode_summary(prompt: str) -> str:
    story, cast = story_and_cast(prompt)
    pool = story.scenes
    titles = [title for _number, title in re.findall(r"第\s*(\d+)\s*集《([^》]+)》", prompt)]
    actions = [line.strip().lstrip("△").strip() for line in prompt.splitlines() if line.strip().startswith("△")]
    telling = [action for action in actions if len(action) >= 10]
    if titles:
        span = f"前{len(titles)}集（《{titles[0]}》至《{titles[-1]}》）里"
        if len(titles) == 1:
            span = f"第1集《{titles[0]}》里"
    else:
        earlier = episode_number(prompt) - 1
        span = f"前{earlier}集里" if earlier > 1 else "第1集里" if earlier == 1 else "之前的剧情里"
    if telling:
        step = max(1, len(telling) // 4)
        events = [_clip(action) for action in telling[::step][:4]]
        cliffhanger = _clip(telling[-1])
    else:
        events = [event.format_map(_Cast(cast)) for event in pool.key_events]
        cliffhanger = pool.cliffhanger.format_map(_Cast(cast))
    summary = span + "，" + pool.summary.format_map(_Cast(cast))
    return json.dumps({"summary": summary, "key_events": events, "cliffhanger": cliffhanger}, ensure_ascii=False)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
