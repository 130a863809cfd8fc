from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scriptwriter.contracts.model_outputs import BrainstormOutput
from scriptwriter.llm_worker.errors import InvalidOutputError
from scriptwriter.llm_worker.parsing import parse_output
from scriptwriter.llm_worker.reasoning import ReasoningFilter

RECORDED = [
    '<think>用户要三个创意，先想想题材……</think>{"ideas": [{"title": "替嫁新娘", "body": "林晚😀替妹出嫁"}]}',
    '<THINK>plan</Think>\n```json\n{"ideas": [{"title": "\\u9f99\\u738b", "body": "a<b>c"}]}\n```\n以上是创意。',
    '<think>一</think>{"ideas": [<think>二</think>{"title": "x", "body": "y"}]}',
    '{"ideas": [{"title": "<thin", "body": "no tag here: <th"}]}',
    "<think>never closed, the model ran out of tokens",
]


def visible(parts: list[str]) -> tuple[str, list[str]]:
    rf = ReasoningFilter()
    pieces = [p for part in parts for p in rf.feed(part)] + rf.finish()
    text = "".join(p.text for p in pieces if p.kind == "text")
    marks = [p.kind for p in pieces if p.kind != "text"]
    return text, marks


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(RECORDED), st.lists(st.integers(0, 200), max_size=30))
def test_split_points_do_not_change_visible_text(recorded: str, cuts: list[int]) -> None:
    points = sorted({c % (len(recorded) + 1) for c in cuts})
    parts = [recorded[a:b] for a, b in zip([0, *points], [*points, len(recorded)], strict=True)]
    assert visible(parts) == visible([recorded])


def test_reasoning_is_removed_in_any_case_and_marked() -> None:
    text, marks = visible(["<Think>secret</THINK>", "hello"])
    assert text == "hello"
    assert marks == ["reasoning_start", "reasoning_end"]


def test_unclosed_block_ends_at_the_end_of_the_stream() -> None:
    text, marks = visible(["before<think>forever"])
    assert text == "before"
    assert marks == ["reasoning_start", "reasoning_end"]


def test_text_that_only_looks_like_a_tag_is_kept() -> None:
    assert visible(["a <thi", "s is not a tag"])[0] == "a <this is not a tag"
    assert visible(["ends with <th"])[0] == "ends with <th"


def test_parse_strips_fences_and_trailing_prose() -> None:
    text = '好的：\n```json\n{"ideas": [{"title": "龙王", "body": "归来"}]}\n```\n希望你喜欢！{"x": 1}'
    assert parse_output(text, BrainstormOutput) == {"ideas": [{"title": "龙王", "body": "归来"}]}


def test_parse_repairs_malformed_json() -> None:
    text = '{"ideas": [{"title": "龙王", "body": "归来",}]'
    assert parse_output(text, BrainstormOutput)["ideas"][0]["title"] == "龙王"


def test_parse_rejects_wrong_shape_and_no_json() -> None:
    with pytest.raises(InvalidOutputError):
        parse_output(json.dumps({"ideas": []}), BrainstormOutput)
    with pytest.raises(InvalidOutputError):
        parse_output("抱歉，我无法回答。", BrainstormOutput)
