"""The brainstorm page in a real Chromium: sign in, fill the form, watch the idea cards stream in, pick one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.support.system import RunningSystem, start_system

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    if not (Path(__file__).resolve().parents[2] / "web" / "dist" / "index.html").is_file():
        pytest.fail("the UI is not built: run `make web` (make test does)")
    running = start_system(Path(tmp_path_factory.mktemp("browser")), chunk_delay_ms=25)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y --no-install-recommends chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


def sign_up(page: Page, system: RunningSystem) -> None:
    page.goto(system.base_url)
    page.get_by_test_id("login-username").fill(f"writer_{uuid.uuid4().hex[:6]}")
    page.get_by_test_id("login-password").fill("a long password")
    page.get_by_test_id("register-submit").click()
    expect(page.get_by_test_id("new-brainstorm")).to_be_visible()


def test_brainstorm_cards_stream_in_and_one_is_chosen(page: Page, system: RunningSystem) -> None:
    sign_up(page, system)
    expect(page.get_by_test_id("demo-banner")).to_be_visible()
    page.get_by_test_id("new-brainstorm").click()
    expect(page.get_by_test_id("brainstorm-form")).to_be_visible()
    page.get_by_test_id("platform-select").select_option("快手")
    page.locator('[data-testid="genre-option"][data-path="女频/爱情类/甜宠"]').click()
    expect(page.get_by_test_id("selected-genre-path")).to_have_count(1)
    page.get_by_test_id("requirements-input").fill("要狗血、要反转")
    page.get_by_test_id("idea-count-input").fill("2")
    page.get_by_test_id("submit-requirements").click()

    streaming_card = page.locator('[data-testid="idea-card"][data-streaming="true"]')
    expect(streaming_card.first).to_be_visible()
    partial = streaming_card.first.get_by_test_id("idea-body").inner_text()
    cards = page.get_by_test_id("idea-card")
    expect(cards).to_have_count(2)
    expect(page.locator('[data-testid="idea-card"][data-streaming="false"]')).to_have_count(2)
    final_body = cards.first.get_by_test_id("idea-body").inner_text()
    assert len(final_body) > len(partial), "the card should have filled in while streaming"

    cards.nth(1).click()
    title = page.get_by_test_id("selected-title-input")
    expect(title).to_be_visible()
    title.fill("我改的标题")
    page.get_by_test_id("select-idea-submit").click()
    expect(page.get_by_test_id("final-idea")).to_contain_text("我改的标题")


def test_a_refresh_reopens_the_execution_where_it_was(page: Page, system: RunningSystem) -> None:
    sign_up(page, system)
    page.get_by_test_id("new-brainstorm").click()
    page.locator('[data-testid="genre-option"][data-path="男频/其他类型/神医"]').click()
    page.get_by_test_id("requirements-input").fill("草稿里的要求")
    expect(page.get_by_test_id("save-status")).to_contain_text("已保存")
    page.reload()
    expect(page.get_by_test_id("requirements-input")).to_have_value("草稿里的要求")
    page.get_by_test_id("submit-requirements").click()
    expect(page.locator('[data-testid="idea-card"][data-streaming="true"]').first).to_be_visible()
    page.reload()
    expect(page.locator('[data-testid="idea-card"][data-streaming="false"]')).to_have_count(3)
