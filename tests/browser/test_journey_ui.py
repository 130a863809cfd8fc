"""The whole journey in Chromium: brainstorm → outline → episode 1 → episode 2, exports, the home list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.system import RunningSystem, start_system

from .harness import Api, browser_context, require_built_ui, screenshot, sign_in, sign_up

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    require_built_ui()
    running = start_system(Path(tmp_path_factory.mktemp("journey")), chunk_delay_ms=2)
    yield running
    running.stop()


def brainstorm(page: Page) -> str:
    page.get_by_test_id("new-brainstorm").click()
    page.locator('[data-testid="genre-option"][data-path="女频/爱情类/甜宠"]').click()
    page.get_by_test_id("idea-count-input").fill("2")
    page.get_by_test_id("submit-requirements").click()
    expect(page.locator('[data-testid="idea-card"][data-streaming="false"]')).to_have_count(2)
    chosen = page.get_by_test_id("idea-card").nth(1)
    title = chosen.get_by_test_id("idea-title").inner_text()
    chosen.click()
    page.get_by_test_id("select-idea-submit").click()
    expect(page.get_by_test_id("final-idea")).to_contain_text(title)
    return title


def write_outline(page: Page, idea_title: str) -> None:
    page.get_by_test_id("start-outline").click()
    expect(page.get_by_test_id("outline-settings")).to_be_visible()
    expect(page.get_by_test_id("source-idea")).to_contain_text(idea_title)
    page.get_by_test_id("episodes-input").fill("3")
    page.get_by_test_id("outline-requirements-input").fill("女主前期隐忍，后期反击")
    page.get_by_test_id("outline-settings-submit").click()

    # Fields fill in while the model writes: characters appear as cards before the outline is finished.
    expect(page.locator('[data-testid="outline-display"][data-streaming="true"]')).to_be_visible()
    expect(page.get_by_test_id("character-card").first).to_be_visible()
    expect(page.get_by_test_id("outline-editor")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("character-editor").first).to_be_visible()
    expect(page.get_by_test_id("stage-input")).to_have_count(5)

    page.get_by_test_id("outline-title-input").fill("改过的剧名")
    expect(page.get_by_test_id("revert-title")).to_be_visible()
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")
    screenshot(page, "journey-outline-editor-1440")
    page.get_by_test_id("outline-submit").click()
    expect(page.get_by_test_id("series-panel")).to_be_visible()
    expect(page.get_by_test_id("final-outline")).to_contain_text("改过的剧名")
    expect(page.get_by_test_id("episode-slot")).to_have_count(3)


def write_episode(page: Page, number: int, title: str) -> None:
    expect(page.get_by_test_id("episode-context")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("execution-title")).to_contain_text(f"第 {number} 集")
    if number == 1:
        expect(page.get_by_test_id("previous-summary")).to_have_count(0)
    else:
        # The summary of the earlier episodes was made by the hidden node before the form appeared.
        expect(page.get_by_test_id("previous-summary")).to_be_visible()
    page.get_by_test_id("episode-requirements-input").fill("开场三秒就要有反转")
    page.get_by_test_id("context-submit").click()

    expect(page.get_by_test_id("script-editor")).to_be_visible(timeout=30_000)
    preview = page.get_by_test_id("script-preview")
    expect(preview.locator(".script-scene").first).to_be_visible()
    expect(preview.locator(".script-action").first).to_be_visible()
    expect(preview.locator(".script-speaker").first).to_be_visible()
    page.get_by_test_id("script-title-input").fill(title)
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")

    with page.expect_download() as download:
        page.get_by_test_id("export-md").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith(f"# 第{number}集 {title}")
    assert "\n### " in markdown and "\n△" in markdown

    page.get_by_test_id("script-submit").click()
    expect(page.get_by_test_id("final-script")).to_contain_text(title)


@pytest.mark.timeout(240)
def test_brainstorm_outline_and_two_episodes(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser, 1440, 900) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        idea_title = brainstorm(page)
        write_outline(page, idea_title)

        page.get_by_test_id("generate-episode").click()
        write_episode(page, 1, "第一集新标题")
        page.get_by_test_id("next-episode").click()
        write_episode(page, 2, "第二集新标题")
        screenshot(page, "journey-episode-1440")

        page.get_by_test_id("back-to-outline").click()
        expect(page.locator('[data-testid="episode-slot"][data-status="completed"]')).to_have_count(2)
        expect(page.get_by_test_id("generate-episode")).to_have_attribute("data-episode", "3")
        with page.expect_download() as download:
            page.get_by_test_id("export-series-md").click()
        series = Path(download.value.path()).read_text(encoding="utf-8")
        assert series.startswith("# 改过的剧名")
        assert series.index("## 第1集 第一集新标题") < series.index("## 第2集 第二集新标题")
        with page.expect_download() as download:
            page.get_by_test_id("export-series-docx").click()
        assert Path(download.value.path()).read_bytes()[:2] == b"PK"

        # Home: every piece of work, each reopening where it is.
        page.get_by_test_id("back-home").click()
        items = page.get_by_test_id("home-item")
        expect(items).to_have_count(4)
        page.get_by_test_id("home-filter-episode").click()
        expect(items).to_have_count(2)
        expect(items.first).to_contain_text("第二集新标题")
        page.get_by_test_id("home-filter-outline").click()
        expect(items).to_have_count(1)
        expect(items.first).to_contain_text("改过的剧名")
        items.first.click()
        expect(page.get_by_test_id("series-panel")).to_be_visible()

        # Debug views of the finished outline: the graph with node states, a transform, its replay, lineage.
        page.get_by_test_id("tab-debug").click()
        nodes = page.get_by_test_id("graph-node")
        expect(nodes).to_have_count(3)
        expect(page.locator('[data-testid="graph-node"][data-status="completed"]')).to_have_count(3)
        page.locator('[data-testid="transform-tab"][data-type="llm"]').first.click()
        expect(page.get_by_test_id("transform-inspector")).to_be_visible()
        expect(page.get_by_test_id("chunk-count")).not_to_contain_text("（0 个）")
        page.get_by_test_id("replay-500").click()
        expect(page.get_by_test_id("replay-output")).to_contain_text("characters", timeout=30_000)
        # The server streams the recorded chunks again, and can send the stored prompt to the model again.
        page.get_by_test_id("replay-recorded").click()
        expect(page.get_by_test_id("replay-output")).to_contain_text("characters", timeout=30_000)
        page.get_by_test_id("replay-rerun").click()
        expect(page.get_by_test_id("replay-similarity")).to_contain_text("%", timeout=60_000)
        expect(page.locator('[data-testid="lineage-ancestors"] [data-type="brainstorm_idea"]')).to_have_count(1)
        expect(page.locator('[data-testid="lineage-descendants"] [data-type="episode"]').first).to_be_visible()


def no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


@pytest.mark.timeout(180)
def test_layouts_at_375_and_1440(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser, 1440, 900) as context:
        page = context.new_page()
        username = sign_up(page, system.base_url)
        api = Api(page, system.base_url)
        outline = api.outline(total_episodes=12)
        waiting = api.wait(outline, lambda s: "edit_outline" in s["pendingInputs"])
        api.submit(outline, "edit_outline", waiting["pendingInputs"]["edit_outline"]["initialData"])
        result = api.wait(outline, lambda s: bool(s["execution"].get("result")))["execution"]["result"]["artifactId"]
        episode = api.start("episode", {"outlineArtifactId": result, "episodeNumber": 1})
        waiting = api.wait(episode, lambda s: "edit_context" in s["pendingInputs"])
        characters = waiting["pendingInputs"]["edit_context"]["initialData"]["characters"]
        api.submit(episode, "edit_context", {"characters": characters, "episodeSpecificRequirements": ""})
        api.wait(episode, lambda s: "edit_episode" in s["pendingInputs"])
        brainstorm = api.start("brainstorming")

    pages = {
        "home": "/",
        "brainstorm-form": f"/?execution={brainstorm}",
        "outline-series": f"/?execution={outline}",
        "episode-editor": f"/?execution={episode}",
    }
    ready = {
        "home": "home-item",
        "brainstorm-form": "brainstorm-form",
        "outline-series": "series-panel",
        "episode-editor": "script-editor",
    }
    for width, height in ((375, 812), (1440, 900)):
        with browser_context(browser, width, height) as context:
            page = context.new_page()
            sign_in(page, system.base_url, username)
            for name, path in pages.items():
                page.goto(system.base_url + path)
                expect(page.get_by_test_id(ready[name]).first).to_be_visible(timeout=30_000)
                no_horizontal_scroll(page)
                screenshot(page, f"layout-{name}-{width}")
            page.goto(system.base_url + pages["outline-series"])
            page.get_by_test_id("tab-debug").click()
            expect(page.get_by_test_id("workflow-graph")).to_be_visible()
            screenshot(page, f"layout-debug-{width}")
