from __future__ import annotations

import pytest
from pydantic import ValidationError

from scriptwriter.contracts.artifacts import ARTIFACT_PAYLOAD, BrainstormIdeaArtifact, UserInputArtifact
from scriptwriter.contracts.domain import BrainstormParams, SelectIdeaInput
from scriptwriter.contracts.genres import is_genre_path
from scriptwriter.contracts.subjects import events_subject, llm_job_subject


def test_valid_params_fill_defaults() -> None:
    params = BrainstormParams.model_validate({"genrePaths": [["女频", "爱情类", "甜宠"]]})
    assert params.platform == "抖音"
    assert params.numberOfIdeas == 3
    assert params.genre_label() == "女频 > 爱情类 > 甜宠"


def test_several_paths_are_labelled_with_their_share() -> None:
    params = BrainstormParams.model_validate(
        {"genrePaths": [["女频", "爱情类", "甜宠"], ["男频", "逆袭类", "战神", "龙王"]], "genreProportions": [40, 60]}
    )
    assert params.genre_label() == "女频 > 爱情类 > 甜宠 (40%)；男频 > 逆袭类 > 战神 > 龙王 (60%)"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"genrePaths": [["女频", "爱情类", "不存在"]]}, "genrePaths"),
        ({"genrePaths": []}, "genrePaths"),
        ({"genrePaths": [["女频", "爱情类", "甜宠"]] * 4}, "genrePaths"),
        ({"genrePaths": [["女频", "爱情类", "甜宠"]], "platform": "推特"}, "platform"),
        ({"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 5}, "numberOfIdeas"),
        ({"genrePaths": [["女频", "爱情类", "甜宠"]], "unknown": 1}, "unknown"),
    ],
)
def test_invalid_params_name_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BrainstormParams.model_validate(data)
    assert any(field in err["loc"] for err in caught.value.errors())


def test_proportions_must_match_and_sum_to_100() -> None:
    paths = [["女频", "爱情类", "甜宠"], ["女频", "爱情类", "虐恋"]]
    with pytest.raises(ValidationError, match="sum to 100"):
        BrainstormParams.model_validate({"genrePaths": paths, "genreProportions": [50, 40]})
    with pytest.raises(ValidationError, match="one percentage per genre path"):
        BrainstormParams.model_validate({"genrePaths": paths, "genreProportions": [100]})


def test_genre_tree_paths() -> None:
    assert is_genre_path(["女频", "设定类", "穿越", "穿书"])
    assert is_genre_path(["男频", "其他类型", "神医"])
    assert not is_genre_path(["男频", "其他类型", "神医", "穿书"])
    assert not is_genre_path(["女频", "爱情类"])


def test_select_idea_rejects_operator_ids() -> None:
    with pytest.raises(ValidationError):
        SelectIdeaInput.model_validate({"selectedIdeaId": {"$ne": None}})
    with pytest.raises(ValidationError):
        SelectIdeaInput.model_validate({"selectedIdeaId": "a.b"})


def test_artifact_union_picks_the_type() -> None:
    idea = ARTIFACT_PAYLOAD.validate_python(
        {"type": "brainstorm_idea", "data": {"title": "t", "body": "b", "genre": "g", "orderIndex": 0}}
    )
    assert isinstance(idea, BrainstormIdeaArtifact)
    edit = ARTIFACT_PAYLOAD.validate_python(
        {"type": "user_input", "data": {"originalArtifactId": "art_1", "modifications": {"title": "x"}}}
    )
    assert isinstance(edit, UserInputArtifact)
    with pytest.raises(ValidationError):
        ARTIFACT_PAYLOAD.validate_python({"type": "nope", "data": {}})


def test_subjects_refuse_unsafe_ids() -> None:
    assert events_subject("usr_1", "ex_2") == "events.usr_1.ex_2"
    assert llm_job_subject("brainstorming") == "jobs.llm.brainstorming"
    for bad in ("a.b", "*", ">", "", "a b"):
        with pytest.raises(ValueError):
            events_subject(bad, "ex_1")
