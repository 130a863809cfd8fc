from __future__ import annotations

import json
from typing import Any

import pytest

from scriptwriter.catalog import PROGRAMS, NodeContext
from scriptwriter.catalog.brainstorming import UnknownIdeaError
from scriptwriter.catalog.prompts import BRAINSTORMING
from scriptwriter.contracts.domain import BrainstormParams, SelectIdeaInput
from scriptwriter.contracts.model_outputs import BrainstormOutput
from scriptwriter.demo_model.content import answer

PROGRAM = PROGRAMS["brainstorming"]
PARAMS = {
    "platform": "快手",
    "genrePaths": [["女频", "爱情类", "甜宠"], ["男频", "逆袭类", "赘婿"]],
    "genreProportions": [30, 70],
    "requirements": "要狗血、要反转",
    "numberOfIdeas": 2,
}
IDEAS = [
    {"artifactId": "art_a", "title": "甲", "body": "甲的故事", "genre": "g", "orderIndex": 0},
    {"artifactId": "art_b", "title": "乙", "body": "乙的故事", "genre": "g", "orderIndex": 1},
]


def context(**outputs: Any) -> NodeContext:
    return NodeContext("ex_1", {}, outputs)


def test_prompt_carries_every_requirement() -> None:
    ctx = context(collect_requirements={"params": PARAMS, "artifactId": "art_p"})
    messages = PROGRAM.llm["generate_ideas"].messages(ctx)
    user = messages[-1].content
    assert "快手" in user and "构思 2 个" in user and "要狗血、要反转" in user
    assert "女频 > 爱情类 > 甜宠 (30%)" in user and "男频 > 逆袭类 > 赘婿 (70%)" in user
    assert "$" not in user


def test_prompt_rendering_is_strict() -> None:
    with pytest.raises(KeyError, match="genre"):
        BRAINSTORMING.render({"platform": "抖音", "count": 3, "requirements": "无"})


def test_demo_model_answers_the_requested_number_of_valid_ideas() -> None:
    for count in (1, 2, 3, 4):
        params = BrainstormParams.model_validate({**PARAMS, "numberOfIdeas": count})
        ctx = context(collect_requirements={"params": params.model_dump(), "artifactId": "art_p"})
        prompt = "\n".join(m.content for m in PROGRAM.llm["generate_ideas"].messages(ctx))
        output = BrainstormOutput.model_validate(json.loads(answer("brainstorming", prompt)))
        assert len(output.ideas) == count
        assert all(3 <= len(i.title) <= 7 and 50 <= len(i.body) <= 120 for i in output.ideas)


def test_selection_without_edits_makes_no_artifact() -> None:
    ctx = context(generate_ideas={"ideas": IDEAS})
    submission = PROGRAM.human["select_idea"].submit(ctx, SelectIdeaInput(selectedIdeaId="art_b", title="乙"))
    assert submission.artifacts == ()
    assert submission.outputs["resultArtifactId"] == "art_b"


def test_an_edit_becomes_a_user_input_artifact_from_the_original() -> None:
    ctx = context(generate_ideas={"ideas": IDEAS})
    submission = PROGRAM.human["select_idea"].submit(
        ctx, SelectIdeaInput(selectedIdeaId="art_a", title="甲", body="改过的故事")
    )
    assert [a.type for a in submission.artifacts] == ["user_input"]
    assert submission.artifacts[0].data == {"originalArtifactId": "art_a", "modifications": {"body": "改过的故事"}}
    assert submission.transform_inputs == (("art_a", "original"),)


def test_selecting_an_unknown_idea_is_refused() -> None:
    with pytest.raises(UnknownIdeaError):
        PROGRAM.human["select_idea"].submit(
            context(generate_ideas={"ideas": IDEAS}), SelectIdeaInput(selectedIdeaId="x")
        )


def test_definition_matches_the_domain() -> None:
    shape = PROGRAM.definition.to_dict()
    assert [n["id"] for n in shape["nodes"]] == ["collect_requirements", "generate_ideas", "select_idea"]
    assert [n["type"] for n in shape["nodes"]] == ["human", "llm", "human"]
    assert shape["edges"] == [
        {"from": "collect_requirements", "to": "generate_ideas", "conditional": False},
        {"from": "generate_ideas", "to": "select_idea", "conditional": False},
    ]
