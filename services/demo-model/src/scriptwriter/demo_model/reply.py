"""The text a request is answered with once a fault has shaped it: reasoning first, then visible content."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

from .faults import FaultKind

REASONING = (
    "好的，我先理一下这次的任务。用户要的是竖屏短剧的内容，而且明确要求只输出 JSON，不要解释、不要标题、不要代码块。"
    "短剧的核心是快：开头三秒必须有钩子，大约每九十秒就要有新的冲突，结尾一定要留卡点。"
    "人物不能脸谱化，反派要有动机，主角也要有缺点，男女主每一集都得有对手戏。"
    "我先确定故事的主线和主要人物，再按要求的字段逐一填写：标题要短而有冲击力，内容要写清主角、冲突和结局，"
    "爽点要具体，不能空喊口号。最后检查一遍：字段是否齐全，数量是否符合要求，引号和括号是否配对，"
    "有没有多余的逗号。确认无误后直接输出 JSON。"
)

MALFORMED = (
    "抱歉，这次我没能整理出结构化的结果。简单说一下我的想法：故事可以从一场当众羞辱开场，"
    "主角隐忍到关键时刻亮出真实身份，中段安排一次误会和一次背叛，结尾用一个悬念把观众留到下一集。"
    "如果需要，我可以再按你要的格式重新写一遍。"
)

FENCE_TAIL = "以上内容可以直接使用，如果需要调整人物或节奏，告诉我即可。"

_THINK_TAGS = (("<think>", "</think>"), ("<think>", "</think>"), ("<Think>", "</Think>"), ("<THINK>", "</THINK>"))


@dataclass(frozen=True)
class Reply:
    content: str
    reasoning: str = ""
    """Streamed before the content as `delta.reasoning_content` (DeepSeek style)."""


def shape(answer: str, kind: FaultKind | None, rng: random.Random) -> Reply:
    if kind is FaultKind.THINK_INLINE:
        opening, closing = rng.choice(_THINK_TAGS)
        return Reply(f"{opening}\n{REASONING}\n{closing}\n\n{answer}")
    if kind is FaultKind.REASONING_CONTENT:
        return Reply(answer, reasoning=REASONING)
    if kind is FaultKind.FENCED:
        return Reply(f"```json\n{answer}\n```\n\n{FENCE_TAIL}")
    if kind is FaultKind.MALFORMED:
        return Reply(MALFORMED)
    if kind is FaultKind.BROKEN_JSON:
        return Reply(broken_json(answer))
    return Reply(answer)


def broken_json(answer: str) -> str:
    """The answer re-indented with a trailing comma before every closing bracket and the last brace missing."""
    pretty = json.dumps(json.loads(answer), ensure_ascii=False, indent=2)
    with_commas = re.sub(r"(?<=[^\[{,\s])(\n\s*[\]}])", r",\1", pretty)
    return with_commas.rstrip().removesuffix("}").rstrip()


def pieces(text: str, rng: random.Random) -> list[str]:
    """`text` cut into chunks of 1–4 characters."""
    cut: list[str] = []
    position = 0
    while position < len(text):
        size = rng.randint(1, 4)
        cut.append(text[position : position + size])
        position += size
    return cut
