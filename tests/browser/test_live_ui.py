"""Never losing work while the model streams: refresh, a second tab, 停止生成, typing through a reload,
a lost network, and a failed node with its retry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.ports import wait_for_port
from tests.support.system import RunningSystem, start_system

from .harness import Api, browser_context, require_built_ui, sign_up, text_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    require_built_ui()
    running = start_system(Path(tmp_path_factory.mktemp("live")), chunk_delay_ms=6)
    yield running
    running.stop()


def open_execution(page: Page, system: RunningSystem, execution_id: str) -> None:
    page.goto(f"{system.base_url}/?execution={execution_id}")
    expect(page.get_by_test_id("execution-page")).to_be_visible()


def outline_text(page: Page) -> str:
    return text_of(page, "outline-display")


@pytest.mark.timeout(180)
def test_refresh_mid_stream_a_second_tab_and_typing_through_a_reload(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser, 1280, 900) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        outline = Api(page, system.base_url).outline()
        open_execution(page, system, outline)
        expect(page.get_by_test_id("outline-selling-points")).to_be_visible()

        second = context.new_page()
        open_execution(second, system, outline)
        expect(second.get_by_test_id("outline-selling-points")).to_be_visible()

        before = outline_text(page)
        page.reload()
        expect(page.get_by_test_id("outline-display")).to_be_visible()
        resumed = outline_text(page)
        # The same text comes back at once and goes on from there.
        assert resumed.startswith(before[: len(before) // 2])
        assert len(resumed) >= len(before)
        expect(page.get_by_test_id("outline-characters")).to_be_visible(timeout=60_000)
        assert len(outline_text(page)) > len(resumed)

        expect(page.get_by_test_id("outline-editor")).to_be_visible(timeout=90_000)
        expect(second.get_by_test_id("outline-editor")).to_be_visible()
        title = page.get_by_test_id("outline-title-input").input_value()
        assert second.get_by_test_id("outline-title-input").input_value() == title

        # Typing, then leaving before the 1 s pause: the draft is sent on the way out.
        page.get_by_test_id("outline-title-input").fill("刷新也不会丢")
        page.get_by_test_id("stage-input").nth(2).fill("第三阶段改成了我自己的版本")
        page.reload()
        expect(page.get_by_test_id("outline-title-input")).to_have_value("刷新也不会丢")
        expect(page.get_by_test_id("stage-input").nth(2)).to_have_value("第三阶段改成了我自己的版本")
        expect(page.get_by_test_id("revert-title")).to_be_visible()
        page.get_by_test_id("revert-title").click()
        expect(page.get_by_test_id("outline-title-input")).to_have_value(title)
        expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")
        second.reload()
        expect(second.get_by_test_id("outline-title-input")).to_have_value(title)
        expect(second.get_by_test_id("stage-input").nth(2)).to_have_value("第三阶段改成了我自己的版本")


@pytest.mark.timeout(120)
def test_stop_generation_stops_the_text_and_regenerate_starts_again(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        api = Api(page, system.base_url)
        outline = api.outline()
        open_execution(page, system, outline)
        expect(page.get_by_test_id("generation-progress")).to_be_visible()
        expect(page.get_by_test_id("outline-selling-points")).to_be_visible()

        page.get_by_test_id("stop-generation").click()
        expect(page.get_by_test_id("generation-stopped")).to_be_visible()
        expect(page.get_by_test_id("execution-status")).to_have_attribute("data-status", "cancelled")
        stopped = outline_text(page)
        stopped_transform = page.get_by_test_id("generation-bar").get_attribute("data-transform")
        time.sleep(1.5)
        assert outline_text(page) == stopped, "text appeared after 停止生成"
        node = api.snapshot(outline)["nodeStates"]["generate_outline"]
        assert node["status"] == "cancelled"

        page.reload()
        expect(page.get_by_test_id("generation-stopped")).to_be_visible()
        expect(page.get_by_test_id("outline-display")).to_be_visible()

        page.get_by_test_id("regenerate").click()
        expect(page.get_by_test_id("stop-generation")).to_be_visible()
        expect(page.get_by_test_id("execution-status")).to_have_attribute("data-status", "running")
        # A new attempt is a new transform; the stopped attempt's text is dropped.
        bar = page.get_by_test_id("generation-bar")
        expect(bar).not_to_have_attribute("data-transform", stopped_transform or "")
        assert len(outline_text(page)) < len(stopped)
        # The inspector still lists the stopped attempt beside the new one.
        page.get_by_test_id("tab-debug").click()
        expect(page.locator(f'[data-testid="transform-tab"][data-transform="{stopped_transform}"]')).to_have_attribute(
            "data-status", "cancelled"
        )
        page.get_by_test_id("tab-work").click()
        api.call("POST", f"/api/workflow/execution/{outline}/cancel")
        expect(page.get_by_test_id("generation-stopped")).to_be_visible()


@pytest.mark.timeout(120)
def test_a_lost_network_shows_a_banner_and_the_stream_recovers(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        api = Api(page, system.base_url)
        outline = api.outline()
        open_execution(page, system, outline)
        expect(page.get_by_test_id("outline-selling-points")).to_be_visible()
        context.set_offline(True)
        expect(page.get_by_test_id("connection-banner")).to_be_visible()
        offline_text = outline_text(page)
        time.sleep(1)
        context.set_offline(False)
        expect(page.get_by_test_id("connection-banner")).to_be_hidden(timeout=30_000)
        expect(page.get_by_test_id("outline-characters")).to_be_visible(timeout=60_000)
        assert len(outline_text(page)) > len(offline_text)
        api.call("POST", f"/api/workflow/execution/{outline}/cancel")


@pytest.mark.timeout(120)
def test_a_failed_node_shows_its_error_and_retries(browser: Browser, system: RunningSystem) -> None:
    with browser_context(browser) as context:
        page = context.new_page()
        sign_up(page, system.base_url)
        api = Api(page, system.base_url)
        idea = api.chosen_idea()
        outline = api.start("outline", {"sourceArtifactId": idea})
        system.stop_process("demo-model")
        try:
            api.submit(outline, "configure_outline", {"totalEpisodes": 5, "episodeDuration": 2, "requirements": ""})
            open_execution(page, system, outline)
            expect(page.get_by_test_id("node-error")).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("workflow-error")).to_be_visible()
        finally:
            system.start_process("demo-model")
            wait_for_port(system.settings.demo_model_port)
        page.get_by_test_id("retry-node").click()
        expect(page.get_by_test_id("node-error")).to_be_hidden()
        expect(page.get_by_test_id("outline-selling-points")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("execution-status")).to_have_attribute("data-status", "running")
        api.call("POST", f"/api/workflow/execution/{outline}/cancel")
