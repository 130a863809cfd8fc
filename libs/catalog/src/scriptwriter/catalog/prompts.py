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


_CRAFT = """短剧创作铁律：
- 每集开头 3 秒必须有钩子，大约每 90 秒一个新冲突，每集结尾必须有悬念（卡点）；
- 节奏快、冲突尖锐，每集有 1–2 次反转和明确的爽点，拒绝慢热的"电影感"；
- 人物去脸谱化：反派有动机，主角有缺点；男女主每集都要有互动。"""

OUTLINE = PromptTemplate(
    "outline",
    system="你是一名资深的竖屏短剧编剧，擅长把一个创意扩展成完整的剧集大纲。你只输出 JSON，不输出任何解释或代码块标记。",
    user="""请根据下面的创意，写出一部竖屏短剧的完整大纲。

创意标题：${title}
创意梗概：${body}
题材：${genre}
总集数：${total_episodes}
每集时长：${episode_duration} 分钟
特殊要求：${requirements}

"""
    + _CRAFT
    + """

输出要求（只输出如下结构的 JSON）：
{"title": "剧名", "genre": "题材", "target_audience": {"demographic": "目标观众", "core_themes": ["主题"]},
 "selling_points": ["3–5 个卖点"], "satisfaction_points": ["3–5 个爽点"],
 "setting": {"core_setting_summary": "核心设定", "key_scenes": ["2–3 个关键场景"]},
 "characters": [{"name": "姓名", "type": "男主/女主/男二/女二/男配/女配/反派/其他", "description": "人物简介",
   "age": "年龄", "gender": "性别", "occupation": "职业", "personality_traits": ["性格特点"],
   "character_arc": "人物弧光", "relationships": {"其他角色名": "关系"}, "key_scenes": ["高光场景"]}],
 "synopsis_stages": ["按剧情发展分成 5 个阶段，每个阶段约 400 字"]}""",
)

EPISODE_SUMMARY = PromptTemplate(
    "episode_summary",
    system="你是一名短剧剧本统筹，负责梳理前情。你只输出 JSON，不输出任何解释或代码块标记。",
    user="""下面是短剧《${series_title}》第 ${episode} 集之前已经写好的剧集。请总结前情，供编剧写第 ${episode} 集时参考。

${previous}

只输出如下结构的 JSON：
{"summary": "前情概要（300 字以内）", "key_events": ["关键事件"], "cliffhanger": "上一集结尾留下的悬念"}""",
)

EPISODE = PromptTemplate(
    "episode",
    system="你是一名资深的竖屏短剧编剧，写出的剧本节奏快、台词有力。你只输出 JSON，不输出任何解释或代码块标记。",
    user="""请写短剧《${series_title}》第 ${episode} 集的剧本（共 ${total_episodes} 集，每集约 ${episode_duration} 分钟）。

题材：${genre}
本阶段剧情：${stage}
人物：
${characters}
前情提要：${previous_summary}
本集特别要求：${requirements}

"""
    + _CRAFT
    + """

剧本格式：
- 3–5 场戏；每场以场景行开头：`集数-场次 地点，日/夜，内/外`（例如 `${episode}-1 医院走廊，夜，内`）；
- 场景行下一行是出场人物，以 `|` 开头；动作描写以 `△` 开头；对白写成 `角色：台词`；画外音标注 `(V0)`。

只输出如下结构的 JSON：
{"title": "本集标题", "content": "完整剧本，场与场之间空一行"}""",
)
