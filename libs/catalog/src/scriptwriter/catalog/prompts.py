"""Prompt templates, rendered strictly: a missing variable is an error, never an empty string."""

from __future__ import annotations

from collections.abc import Mapping
from string import Template

from scriptwriter.contracts.messages import ChatMessage


class PromptTemplate:
    def __init__(self, template_id: str, system: str, user: str) -> None:
        self.template_id = template_id
        self._system = Template(system)
        self._user = Template(user)

    def render(self, variables: Mapping[str, object]) -> list[ChatMessage]:
        """Raises `KeyError` naming the first missing variable."""
        values = {k: str(v) for k, v in variables.items()}
        return [
            ChatMessage(role="system", content=self._system.substitute(values)),
            ChatMessage(role="user", content=self._user.substitute(values)),
        ]


BRAINSTORMING = PromptTemplate(
    "brainstorming",
    system=(
        "你是一名资深的竖屏短剧策划，熟悉${platform}平台观众的口味。你只输出 JSON，不输出任何解释、标题或代码块标记。"
    ),
    user="""请为${platform}平台构思 ${count} 个竖屏短剧故事创意。

题材：${genre}
特殊要求：${requirements}

创作要求：
- 每个创意包含标题 title（3–7 个字）和故事梗概 body（50–80 字，写清主角、核心冲突和结局）；
- 开篇 3 秒就要有钩子，冲突尖锐，节奏快，有 1–2 次反转和明确的爽点，拒绝慢热的"电影感"；
- 人物去脸谱化，男女主之间要有足够的互动和张力；
- 各个创意之间要有明显差异，不要换汤不换药。

只输出如下格式的 JSON，恰好 ${count} 个创意：
{"ideas": [{"title": "标题", "body": "故事梗概"}]}""",
)
