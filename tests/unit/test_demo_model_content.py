"""The demo model's canned answers: valid JSON in the shapes DOMAIN.md asks for, adapted to the prompt."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from scriptwriter.catalog.prompts import EPISODE, EPISODE_SUMMARY, OUTLINE
from scriptwriter.contracts.model_outputs import EpisodeOutput, EpisodeSummaryOutput
from scriptwriter.contracts.outline import Outline
from scriptwriter.demo_model.content import IDEAS, answer

HEADING = re.compile(r"^(\d+)-(\d+) .+，[日夜]，[内外]$")
DIALOGUE = re.compile(r"^[^△|\s：]{1,8}(\(V0\))?：.+")
CJK = re.compile(r"[\u4e00-\u9fff]")
CHARACTER_FIELDS = {
    "name",
    "type",
    "description",
    "age",
    "gender",
    "occupation",
    "personality_traits",
    "character_arc",
    "relationships",
    "key_scenes",
}


def prompt_text(messages: list[Any]) -> str:
    return "\n".join(m.content for m in messages)


def outline_prompt(title: str, body: str, genre: str = "女频 > 爱情类 > 甜宠", episodes: int = 60) -> str:
    variables = {
        "title": title,
        "body": body,
        "genre": genre,
        "total_episodes": episodes,
        "episode_duration": 2,
        "requirements": "无",
    }
    return prompt_text(OUTLINE.render(variables))


def episode_prompt(number: int, characters: str = "- 林晚（female_lead）：替嫁的新娘 性格：隐忍") -> str:
    variables = {
        "series_title": "替嫁新娘",
        "episode": number,
        "total_episodes": 60,
        "episode_duration": 2,
        "genre": "女频",
        "stage": "第一阶段",
        "characters": characters,
        "previous_summary": "无（这是第一集）",
        "requirements": "无",
    }
    return prompt_text(EPISODE.render(variables))


OUTLINE_PROMPTS = [
    *(outline_prompt(title, body) for title, body in IDEAS),
    "创意标题：心跳回放\n总集数：80\n每集时长：3 分钟",
    "请写一部短剧大纲",
    "",
]


@pytest.mark.parametrize("template", ["brainstorming", "outline", "episode_summary", "episode", "unknown", None])
@pytest.mark.parametrize("prompt", ["", "你好", "构思 2 个\n题材：男频 > 逆袭类 > 赘婿", "第 7 集"])
def test_every_template_answers_a_json_object(template: str | None, prompt: str) -> None:
    assert isinstance(json.loads(answer(template, prompt)), dict)


@pytest.mark.parametrize("prompt", OUTLINE_PROMPTS)
def test_outline_has_the_domain_shape_and_sizes(prompt: str) -> None:
    outline = json.loads(answer("outline", prompt))
    assert outline["title"] and outline["genre"]
    assert outline["target_audience"]["demographic"] and outline["target_audience"]["core_themes"]
    assert 3 <= len(outline["selling_points"]) <= 5 and 3 <= len(outline["satisfaction_points"]) <= 5
    assert outline["setting"]["core_setting_summary"] and 2 <= len(outline["setting"]["key_scenes"]) <= 3
    assert len(outline["synopsis_stages"]) == 5
    assert all(330 <= len(stage) <= 480 for stage in outline["synopsis_stages"])
    characters = outline["characters"]
    assert 4 <= len(characters) <= 6
    names = {c["name"] for c in characters}
    for character in characters:
        assert set(character) == CHARACTER_FIELDS
        assert all(character[key] for key in CHARACTER_FIELDS - {"age"}) and str(character["age"])
        assert isinstance(character["personality_traits"], list) and isinstance(character["key_scenes"], list)
        assert set(character["relationships"]) <= names - {character["name"]}
    assert {"男主", "女主"} <= {c["type"] for c in characters}
    assert all(CJK.search(c["type"]) for c in characters)
    validated = Outline.model_validate(outline)
    assert {c.type for c in validated.leads()} == {"male_lead", "female_lead"}


def test_outline_follows_the_title_episode_count_and_duration_of_the_prompt() -> None:
    outline = json.loads(answer("outline", outline_prompt("替嫁娇妻", IDEAS[0][1], episodes=10)))
    assert outline["title"] == "替嫁娇妻"
    assert "全剧共10集，每集约2分钟" in outline["setting"]["core_setting_summary"]
    assert outline["synopsis_stages"][0].startswith("第一阶段（第1–2集）")
    assert outline["synopsis_stages"][4].startswith("第五阶段（第9–10集）")
    default = json.loads(answer("outline", "请写一部短剧大纲"))
    assert "全剧共60集，每集约2分钟" in default["setting"]["core_setting_summary"]


def test_outline_casts_the_idea_protagonist_by_name() -> None:
    title, body = next(idea for idea in IDEAS if idea[0] == "闪婚总裁")
    outline = json.loads(answer("outline", outline_prompt(title, body)))
    heroine = next(c for c in outline["characters"] if c["type"] == "女主")
    assert heroine["name"] == "苏念"
    assert "林晚" not in json.dumps(outline, ensure_ascii=False)
    title, body = next(idea for idea in IDEAS if idea[0] == "神医下山")
    outline = json.loads(answer("outline", outline_prompt(title, body, genre="男频 > 其他类型 > 神医")))
    assert next(c for c in outline["characters"] if c["type"] == "男主")["name"] == "秦川"


def test_outlines_differ_between_prompts() -> None:
    casts = {frozenset(c["name"] for c in json.loads(answer("outline", p))["characters"]) for p in OUTLINE_PROMPTS}
    assert len(casts) >= 2
    untitled = {json.loads(answer("outline", f"大纲 {n}"))["characters"][0]["name"] for n in range(12)}
    assert len(untitled) >= 2


def scenes_of(content: str) -> list[list[str]]:
    blocks = [block.splitlines() for block in content.split("\n\n")]
    assert all(block for block in blocks)
    return blocks


@pytest.mark.parametrize("number", [1, 2, 3, 4, 7, 12, 60])
@pytest.mark.parametrize(
    "characters",
    [
        "- 林晚（female_lead）：新娘\n- 陆承洲（male_lead）：总裁",
        "- 陈默（male_lead）：上门女婿\n- 苏婉清（female_lead）：妻子",
        "- 江屿（male_lead）：学霸\n- 沈清（female_lead）：重生的高三学生",
        "- 小周（other）：路人",
    ],
)
def test_episode_is_a_script_in_the_domain_format(number: int, characters: str) -> None:
    episode = EpisodeOutput.model_validate(json.loads(answer("episode", episode_prompt(number, characters))))
    scenes = scenes_of(episode.content)
    assert 3 <= len(scenes) <= 5
    for index, lines in enumerate(scenes, 1):
        heading = HEADING.match(lines[0])
        assert heading and heading.groups() == (str(number), str(index)), lines[0]
        assert lines[1].startswith("|") and len(lines[1]) > 1
        body = lines[2:]
        assert any(line.startswith("△") for line in body) and any(DIALOGUE.match(line) for line in body)
        assert all(line.startswith("△") or DIALOGUE.match(line) for line in body), body
    assert scenes[0][2].startswith("△")
    assert "(V0)：" in episode.content
    assert 800 <= len(CJK.findall(episode.content)) <= 1500


def test_episode_number_comes_from_the_prompt_and_defaults_to_one() -> None:
    assert json.loads(answer("episode", "第 9 集"))["content"].startswith("9-1 ")
    assert json.loads(answer("episode", "写一集剧本"))["content"].startswith("1-1 ")


def test_episodes_differ_from_one_number_to_the_next() -> None:
    scripts = [json.loads(answer("episode", episode_prompt(n))) for n in range(1, 7)]
    shapes = [(s["title"], tuple(re.findall(r"^\d+-\d+ (.+)$", s["content"], re.MULTILINE))) for s in scripts]
    assert len(set(shapes)) == len(shapes)
    assert len({len(scenes_of(s["content"])) for s in scripts}) == 3


def test_episode_uses_the_names_of_the_prompt() -> None:
    characters = "- 苏念（female_lead）：新娘\n- 顾北辰（male_lead）：总裁\n- 陆承泽（antagonist）：堂兄"
    content = json.loads(answer("episode", episode_prompt(2, characters)))["content"]
    assert "苏念" in content and "顾北辰" in content
    assert "林晚" not in content and "陆承洲" not in content


def summary_prompt(episodes: list[tuple[int, str, str]]) -> str:
    previous = "\n\n".join(f"第 {n} 集《{title}》\n{script}" for n, title, script in episodes)
    variables = {"series_title": "替嫁新娘", "episode": len(episodes) + 1, "previous": previous}
    return prompt_text(EPISODE_SUMMARY.render(variables))


def test_summary_tells_what_the_earlier_episodes_contain() -> None:
    first, second = (json.loads(answer("episode", episode_prompt(n))) for n in (1, 2))
    prompt = summary_prompt([(1, first["title"], first["content"]), (2, second["title"], second["content"])])
    summary = EpisodeSummaryOutput.model_validate(json.loads(answer("episode_summary", prompt)))
    assert first["title"] in summary.summary and second["title"] in summary.summary
    assert "林晚" in summary.summary
    actions = [line[1:] for line in second["content"].splitlines() if line.startswith("△") and len(line) > 10]
    assert actions[-1].startswith(summary.cliffhanger.rstrip("…"))
    assert 1 <= len(summary.key_events) <= 4
    assert all(event.rstrip("…") in first["content"] + second["content"] for event in summary.key_events)


def test_summary_without_scripts_is_still_plausible() -> None:
    summary = EpisodeSummaryOutput.model_validate(json.loads(answer("episode_summary", "第 3 集之前")))
    assert summary.summary.startswith("前2集里") and len(summary.key_events) == 4 and summary.cliffhanger
