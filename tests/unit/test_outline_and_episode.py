from __future__ import annotations

import pytest

from scriptwriter.catalog import PROGRAMS, NodeContext
from scriptwriter.catalog.episode import stage_for
from scriptwriter.catalog.prompts import EPISODE, OUTLINE
from scriptwriter.contracts.outline import Outline, normalise_character_type
from scriptwriter.contracts.text import word_count
from scriptwriter.workflow import to_mermaid

OUTLINE_DATA = {
    "title": "替嫁娇妻",
    "characters": [
        {"name": "林晚", "type": "女主", "age": 24, "relationships": [{"name": "陆沉", "relation": "丈夫"}]},
        {"name": "陆沉", "type": "男主角"},
        {"name": "林柔", "type": "反派（继妹）"},
        {"name": "周叔", "type": "管家"},
    ],
    "selling_points": ["替嫁"],
    "satisfaction_points": ["打脸"],
    "synopsis_stages": ["一", "二", "三", "四", "五"],
    "totalEpisodes": 10,
}


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("男主", "male_lead"),
        ("女主角", "female_lead"),
        ("反派", "antagonist"),
        ("男二号", "male_second"),
        ("女配", "female_supporting"),
        ("female_lead", "female_lead"),
        ("Female Lead", "female_lead"),
        ("路人", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_character_types_are_normalised(label: object, kind: str) -> None:
    assert normalise_character_type(label) == kind


def test_outline_model_is_lenient_about_shapes_models_give() -> None:
    outline = Outline.model_validate(OUTLINE_DATA)
    assert [c.type for c in outline.characters] == ["female_lead", "male_lead", "antagonist", "other"]
    assert outline.characters[0].age == "24"
    assert outline.characters[0].relationships == {"陆沉": "丈夫"}


def test_episodes_fall_into_the_stages_in_order() -> None:
    outline = Outline.model_validate(OUTLINE_DATA)
    assert [stage_for(outline, n) for n in (1, 2, 3, 5, 8, 10, 12)] == ["一", "一", "二", "三", "四", "五", "五"]


def test_word_count_counts_cjk_characters_and_other_words() -> None:
    assert word_count("林晚：你好 hello world 2024") == 7
    assert word_count("") == 0


def test_templates_refuse_missing_variables() -> None:
    with pytest.raises(KeyError):
        OUTLINE.render({"title": "t"})
    with pytest.raises(KeyError):
        EPISODE.render({"series_title": "t", "episode": 1})


def test_episode_context_carries_outline_and_previous_summary() -> None:
    program = PROGRAMS["episode"]
    ctx = NodeContext(
        "ex_1",
        {"outlineArtifactId": "art_o", "episodeNumber": 3},
        {"summarize_previous": {"summary": {"summary": "前情", "cliffhanger": "悬念"}, "artifactId": "art_s"}},
        {"outline": {"id": "art_o", "data": OUTLINE_DATA}, "history": [{"id": "art_e1", "data": {}}]},
    )
    prepared = program.compute["prepare_context"].run(ctx)
    assert prepared["context"]["previousSummary"] == "前情" and prepared["context"]["episodeNumber"] == 3
    assert prepared["summaryArtifactId"] == "art_s"
    assert not program.llm["summarize_previous"].skip_when(ctx)
    first = NodeContext("ex_1", {"outlineArtifactId": "art_o", "episodeNumber": 1}, {}, {"history": []})
    assert program.llm["summarize_previous"].skip_when(first)


def test_every_workflow_renders_as_mermaid() -> None:
    for program in PROGRAMS.values():
        chart = to_mermaid(program.definition)
        assert chart.startswith("flowchart TD")
        assert all(node in chart for node in program.definition.nodes)
