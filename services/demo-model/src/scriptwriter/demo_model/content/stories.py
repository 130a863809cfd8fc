"""Which canned story answers a prompt: by the names it already uses, else by genre keywords, else by hash."""

from __future__ import annotations

from .prompt import leads_in, people_in, seed
from .story import Story
from .story_dragon import DRAGON
from .story_marriage import MARRIAGE
from .story_rebirth import REBIRTH

STORIES: tuple[Story, ...] = (MARRIAGE, REBIRTH, DRAGON)


def story_for(text: str, prompt_seed: int) -> Story:
    """The story whose keywords `text` mentions most; ties (and no mention at all) are broken by the seed."""
    scores = [sum(keyword in text for keyword in story.keywords) for story in STORIES]
    candidates = [story for story, score in zip(STORIES, scores, strict=True) if score == max(scores)]
    return candidates[prompt_seed % len(candidates)]


def story_and_cast(prompt: str) -> tuple[Story, dict[str, str]]:
    """The story a prompt continues and who plays each role, preferring the names the prompt lists."""
    scores = [sum(c.name in prompt for c in story.characters) for story in STORIES]
    story = STORIES[scores.index(max(scores))] if max(scores) else story_for(prompt, seed(prompt))
    cast = story.cast()
    cast.update(leads_in(prompt))
    people = people_in(prompt)
    missing = [role for role, name in cast.items() if name not in prompt]
    for role in missing:
        # A renamed relative keeps the given name (林雪柔 → 苏雪柔).
        name = cast[role]
        cast[role] = next((p for p in people if len(p) == len(name) > 2 and p[1:] == name[1:]), name)
    unclaimed = [p for p in people if p not in cast.values()]
    # Anyone still unnamed takes the prompt's other names, leads first, most mentioned first.
    unnamed = sorted((role for role in missing if cast[role] not in prompt), key=lambda role: role not in ("F", "M"))
    cast.update(zip(unnamed, unclaimed, strict=False))
    return story, cast
