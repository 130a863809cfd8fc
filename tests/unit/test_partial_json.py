from __future__ import annotations

import copy
import json
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scriptwriter.llm_worker.partial_json import IncrementalJsonParser

CLEAN = [
    '{"ideas": [{"title": "替嫁新娘", "body": "林晚😀替妹出嫁，\\"婚礼\\"当天 C:\\\\path"}, '
    '{"title": "\\u9f99\\u738b\\ud83d\\ude00", "body": "lone \\ud83d\\n then \\ude00 and \\/ \\b\\f\\r\\t"}]}',
    '{"n": -12.5e3, "zero": 0, "neg": -0, "e": 1E+2, "f": 3.25, "big": 12345678901234567890, '
    '"flags": [true, false, null], "empty": {}, "none": [], "deep": [[[{"k": [1, [2, {"x": null}]]}]]]}',
    '[1, "二", {"三": [true]}, [], -7, "tail with { ] : , and ``` inside"]',
    '{\r\n  "title" : "大纲",\r\n\t"stages" : [ "第一阶段" , "第二阶段" ] ,\n  "count" :2\n}',
    '{"a": "\\ud83d\\ud83d\\ude00\\ude00", "\\u0041key\\"q": "v", "": ""}',
]
WRAPPERS = [
    ("", ""),
    ("好的，以下是结果：\n```json\n", '\n```\n希望你喜欢！{"x": 1}'),
    ("Sure! Here it is:\n", " (that is all) ]}"),
]
RECORDED = [(prefix + clean + suffix, clean) for clean in CLEAN for prefix, suffix in WRAPPERS]


def split(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


def assert_grows(old: Any, new: Any, path: str = "$") -> None:
    """`new` extends `old`: keys kept in order, types kept, scalars equal, strings only appended to."""
    if old is None:
        return
    assert type(new) is type(old), path
    if isinstance(old, dict):
        assert list(new)[: len(old)] == list(old), path
        for key, item in old.items():
            assert_grows(item, new[key], f"{path}.{key}")
    elif isinstance(old, list):
        assert len(new) >= len(old), path
        for index, item in enumerate(old):
            assert_grows(item, new[index], f"{path}[{index}]")
    elif isinstance(old, str):
        assert new.startswith(old), path
    else:
        assert new == old, path


def feed_all(parts: list[str]) -> IncrementalJsonParser:
    parser = IncrementalJsonParser()
    for part in parts:
        parser.feed(part)
    return parser


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(RECORDED), st.lists(st.integers(0, 400), max_size=60))
def test_any_split_gives_the_value_json_loads_gives(recorded: tuple[str, str], cuts: list[int]) -> None:
    raw, clean = recorded
    parser = feed_all(split(raw, cuts))
    assert parser.complete and not parser.broken
    assert parser.value == json.loads(clean)
    assert parser.finish() == json.loads(clean)
    assert parser.text == clean


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(RECORDED), st.lists(st.integers(0, 400), max_size=60))
def test_the_partial_value_only_grows(recorded: tuple[str, str], cuts: list[int]) -> None:
    raw, clean = recorded
    final = json.loads(clean)
    parser, previous = IncrementalJsonParser(), None
    for part in split(raw, cuts):
        parser.feed(part)
        current = copy.deepcopy(parser.value)
        assert_grows(previous, current)
        assert_grows(current, final)
        previous = current


def test_character_by_character_every_prefix_is_a_partial_of_the_final_value() -> None:
    for raw, clean in RECORDED:
        final, parser, previous = json.loads(clean), IncrementalJsonParser(), None
        for char in raw:
            parser.feed(char)
            current = copy.deepcopy(parser.value)
            assert_grows(previous, current)
            assert_grows(current, final)
            previous = current


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.lists(JSON_VALUES), st.dictionaries(st.text(), JSON_VALUES)),
    st.booleans(),
    st.sampled_from([None, 0, 2]),
    st.lists(st.integers(0, 2000), max_size=40),
)
def test_generated_documents_round_trip(document: Any, ascii_only: bool, indent: int | None, cuts: list[int]) -> None:
    text = json.dumps(document, ensure_ascii=ascii_only, indent=indent)
    parser = feed_all(split(text, cuts))
    assert parser.complete and not parser.broken
    assert parser.value == json.loads(text)


def test_a_brainstorm_title_shows_as_soon_as_its_string_opens() -> None:
    parser = IncrementalJsonParser()
    assert parser.value is None
    parser.feed("```json\n")
    assert parser.value is None
    parser.feed('{"ideas": [{"title"')
    assert parser.value == {"ideas": [{}]}
    parser.feed(": ")
    assert parser.value == {"ideas": [{}]}
    parser.feed('"')
    assert parser.value == {"ideas": [{"title": ""}]}
    parser.feed("替")
    assert parser.value == {"ideas": [{"title": "替"}]}
    parser.feed('嫁", "bo')
    assert parser.value == {"ideas": [{"title": "替嫁"}]}


def test_numbers_and_literals_appear_only_when_complete() -> None:
    parser = IncrementalJsonParser()
    parser.feed('{"n": -12.5')
    parser.feed("e3")
    assert parser.value == {}
    parser.feed(', "t": tr')
    assert parser.value == {"n": -12500.0}
    parser.feed("ue")
    assert parser.value == {"n": -12500.0, "t": True}


def test_a_surrogate_pair_split_anywhere_becomes_one_character() -> None:
    parser = IncrementalJsonParser()
    for char in '["\\ud83d\\ude00"]':
        parser.feed(char)
        assert parser.value in (None, [], [""], ["😀"])
    assert parser.value == ["😀"]


def test_text_after_the_root_is_ignored() -> None:
    parser = feed_all(['```json\n{"a": [1]', "}\n```\n", '还有 {"b": 2} 和 ]'])
    assert parser.complete
    assert parser.text == '{"a": [1]}'
    assert parser.finish() == {"a": [1]}


def test_malformed_input_stops_the_value_and_finish_repairs_it() -> None:
    parser = IncrementalJsonParser()
    parser.feed('{"a": 1, "b": [1, 2,')
    parser.feed('], "c": "x"}\n```')
    assert parser.broken and not parser.complete
    assert parser.value == {"a": 1, "b": [1, 2]}
    parser.feed(', "d": 4}')
    assert parser.value == {"a": 1, "b": [1, 2]}
    assert parser.finish() == {"a": 1, "b": [1, 2], "c": "x"}


@pytest.mark.parametrize(
    "text",
    ['{"a": "\\x"}', '{"a": "\\u12G4"}', '{"a": tru e}', '{"a": 01}', '{"a": 1.}', '{"a" 1}', '{"a": 1 "b": 2}', "[}"],
)
def test_invalid_tokens_mark_the_parser_broken(text: str) -> None:
    parser = IncrementalJsonParser()
    for char in text:
        parser.feed(char)
    assert parser.broken
    assert isinstance(parser.finish(), dict | list)


def test_a_truncated_document_is_repaired_at_finish() -> None:
    parser = feed_all(['{"ideas": [{"title": "龙王", "body": "归', "来"])
    assert not parser.complete and not parser.broken
    assert parser.finish() == {"ideas": [{"title": "龙王", "body": "归来"}]}
    parser = feed_all(['{"a": [1, 2', "3"])
    assert parser.finish() == {"a": [1, 23]}
    assert parser.finish() == {"a": [1, 23]}
    assert parser.value == {"a": [1, 23]}


def test_output_without_json_raises_at_finish() -> None:
    parser = feed_all(["抱歉，", "我无法回答。"])
    assert parser.value is None and parser.text == ""
    with pytest.raises(ValueError):
        parser.finish()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]":,\\u0123456789.eE+-truefalsn \n', max_size=80), st.lists(st.integers(0, 80)))
def test_feed_never_raises(text: str, cuts: list[int]) -> None:
    parser = feed_all(split(text, cuts))
    try:
        result = parser.finish()
    except ValueError:
        return
    assert isinstance(result, dict | list)


def outline_document(characters: int) -> str:
    stage = '她终于明白，所谓替嫁不过是一场精心设计的局，😀“他说："从今天起" C:\\path”。' * 40
    people = [
        {"name": f"角色{i}", "age": 20 + i % 40, "lead": i % 2 == 0, "traits": ["冷静", "果断"], "bio": stage[:300]}
        for i in range(characters)
    ]
    return json.dumps({"characters": people, "synopsis_stages": [stage] * 5}, ensure_ascii=False, indent=2)


def best_feed_seconds(text: str, size: int, repeats: int = 5) -> float:
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        parser = IncrementalJsonParser()
        for chunk in chunks:
            parser.feed(chunk)
            _ = parser.value
        best = min(best, time.perf_counter() - started)
        assert parser.complete
    return best


def test_a_100_kb_document_in_2500_chunks_is_fast() -> None:
    text = outline_document(characters=100)
    assert len(text.encode()) > 100_000
    assert best_feed_seconds(text, size=len(text) // 2500 + 1) < 0.5


def test_feeding_time_grows_linearly_with_the_document() -> None:
    small, large = outline_document(characters=20), outline_document(characters=320)
    size_ratio = len(large) / len(small)  # about 8.5
    time_ratio = best_feed_seconds(large, size=4) / best_feed_seconds(small, size=4)
    assert time_ratio < 3 * size_ratio  # re-parsing the buffer would grow with the square of the size ratio
