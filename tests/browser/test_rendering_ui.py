"""How the page renders a stream, fed by a stand-in EventSource: the thinking indicator, and main-thread
long tasks while a 100 KB outline streams in at 200 chunks a second (PerformanceObserver)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.system import RunningSystem, start_system

from .harness import ARTIFACTS, browser_context, require_built_ui, sign_up

pytestmark = pytest.mark.browser

CHUNKS_PER_SECOND = 200
SECONDS = 20
TARGET_BYTES = 100_000
FAKE_STREAM = Path(__file__).resolve().parent / "fake_stream.js"


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    require_built_ui()
    running = start_system(Path(tmp_path_factory.mktemp("longtasks")))
    yield running
    running.stop()


def big_outline() -> dict[str, Any]:
    """An outline of about 100 KB (UTF-8): many characters and long stages."""
    line = "女主在家族宴会上被当众羞辱，她不动声色地收集证据，每一次反击都让对手措手不及，"
    characters = [
        {
            "name": f"角色{index:02d}",
            "type": ["女主", "男主", "反派", "女二", "男配"][index % 5],
            "description": line * 3,
            "age": str(20 + index),
            "gender": "女" if index % 2 else "男",
            "occupation": "集团继承人",
            "personality_traits": ["隐忍", "果断", "聪慧"],
            "character_arc": line * 2,
            "relationships": {f"角色{(index + 1) % 30:02d}": "宿敌", f"角色{(index + 2) % 30:02d}": "盟友"},
            "key_scenes": ["宴会", "天台"],
        }
        for index in range(30)
    ]
    outline: dict[str, Any] = {
        "title": "长篇大纲",
        "genre": "女频 · 逆袭",
        "target_audience": {"demographic": "18–35 岁女性", "core_themes": ["逆袭", "复仇", "成长"]},
        "selling_points": [line * 2 for _ in range(5)],
        "satisfaction_points": [line * 2 for _ in range(5)],
        "setting": {"core_setting_summary": line * 6, "key_scenes": ["老宅", "会议室", "天台"]},
        "characters": characters,
        "synopsis_stages": [],
    }
    base = len(json.dumps(outline, ensure_ascii=False).encode())
    per_stage = max(1, (TARGET_BYTES - base) // 5 // len(line.encode()))
    outline["synopsis_stages"] = [line * per_stage for _ in range(5)]
    return outline


def open_fake_stream(page: Page, system: RunningSystem, config: dict[str, Any]) -> None:
    sign_up(page, system.base_url)
    page.add_init_script(f"window.__benchConfig = {json.dumps(config, ensure_ascii=False)};")
    page.add_init_script(path=str(FAKE_STREAM))
    page.goto(f"{system.base_url}/?execution=ex_bench")
    expect(page.get_by_test_id("generation-bar")).to_be_visible()


def test_the_thinking_indicator_shows_while_the_model_reasons(browser: Browser, system: RunningSystem) -> None:
    text = json.dumps(big_outline(), ensure_ascii=False)[:3000]
    with browser_context(browser) as context:
        page = context.new_page()
        open_fake_stream(page, system, {"text": text, "chunks": 100, "chunksPerSecond": 200})
        reasoning = {"executionId": "ex_bench", "nodeId": "generate_outline", "transformId": "tr_bench"}
        page.evaluate("data => window.__benchSource.emit('reasoning', data)", {**reasoning, "phase": "start"})
        expect(page.get_by_test_id("thinking-indicator")).to_have_text("深度构思中…")
        expect(page.get_by_test_id("stop-generation")).to_be_visible()
        page.evaluate("data => window.__benchSource.emit('reasoning', data)", {**reasoning, "phase": "end"})
        page.evaluate("window.__benchStart()")
        expect(page.get_by_test_id("generation-progress")).to_be_visible()
        expect(page.get_by_test_id("thinking-indicator")).to_be_hidden()
        expect(page.get_by_test_id("outline-title")).to_have_text("《长篇大纲》")


def test_a_hidden_node_shows_a_processing_note_and_not_its_text(browser: Browser, system: RunningSystem) -> None:
    snapshot = {
        "executionId": "ex_bench",
        "execution": {"executionId": "ex_bench", "workflowId": "episode", "status": "running", "progress": 0},
        "currentNode": "summarize_previous",
        "nodeStates": {"summarize_previous": {"status": "running", "attempt": 1, "transformId": "tr_bench"}},
        "streamingStates": {
            "summarize_previous": {
                "transformId": "tr_bench",
                "text": '{"summary": "不该显示的摘要',
                "status": "streaming",
            }
        },
        "pendingInputs": {},
    }
    with browser_context(browser) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        config = {"text": "", "chunks": 1, "chunksPerSecond": 1, "snapshot": snapshot}
        page.add_init_script(f"window.__benchConfig = {json.dumps(config, ensure_ascii=False)};")
        page.add_init_script(path=str(FAKE_STREAM))
        page.goto(f"{system.base_url}/?execution=ex_bench")
        note = page.get_by_test_id("processing-note")
        expect(note).to_have_attribute("data-node", "summarize_previous")
        expect(note).to_contain_text("正在梳理前几集的剧情")
        expect(page.get_by_text("不该显示的摘要")).to_have_count(0)


def stream_and_measure(browser: Browser, system: RunningSystem, outline: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(outline, ensure_ascii=False)
    config = {"text": text, "chunks": CHUNKS_PER_SECOND * SECONDS, "chunksPerSecond": CHUNKS_PER_SECOND}
    with browser_context(browser, 1440, 900) as context:
        page = context.new_page()
        open_fake_stream(page, system, config)
        page.wait_for_timeout(500)
        page.evaluate("window.__benchStart()")
        page.wait_for_function("window.__benchResult.done", timeout=(SECONDS + 30) * 1000, polling=500)
        expect(page.get_by_test_id("outline-stage")).to_have_count(5)
        expect(page.get_by_test_id("character-card")).to_have_count(len(outline["characters"]))
        page.wait_for_timeout(300)
        result: dict[str, Any] = page.evaluate("window.__benchResult")
    long_tasks = result["longTasks"]
    return {
        "outlineBytes": len(text.encode()),
        "chunks": config["chunks"],
        "seconds": round(result["seconds"], 2),
        "longTasks": len(long_tasks),
        "longestTaskMs": max(long_tasks, default=0),
        "longTasksAtMs": result["longTaskStarts"],
        "longestTimerGapMs": round(result["longestGapMs"], 1),
    }


@pytest.mark.timeout(150)
def test_a_100kb_outline_streams_without_long_tasks(browser: Browser, system: RunningSystem) -> None:
    outline = big_outline()
    assert 95_000 <= len(json.dumps(outline, ensure_ascii=False).encode()) <= 105_000
    runs = [stream_and_measure(browser, system, outline)]
    # A busy machine can stall the renderer in the middle of a short task; one more run tells that apart
    # from the page's own work.
    if runs[0]["longTasks"] > 0:
        runs.append(stream_and_measure(browser, system, outline))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "long-tasks.json").write_text(json.dumps(runs, indent=2))
    print(f"long tasks while streaming: {runs}")
    report = runs[-1]
    assert report["seconds"] < SECONDS * 1.5, "the stream could not keep its pace"
    assert report["longTasks"] == 0, f"main-thread tasks of 50 ms or more: {runs}"
