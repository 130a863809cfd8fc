"""What the browser test modules share: Chromium, signing up, and setting up executions over the API."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEB_DIST = Path(__file__).resolve().parents[2] / "web" / "dist" / "index.html"


def require_built_ui() -> None:
    if not WEB_DIST.is_file():
        pytest.fail("the UI is not built: run `make web` (make test does)")


@contextmanager
def browser_context(browser: Browser, width: int = 1280, height: int = 900) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(20_000)
    try:
        yield context
    finally:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_up(page: Page, base_url: str) -> str:
    username = f"writer_{uuid.uuid4().hex[:6]}"
    page.goto(base_url)
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill("a long password")
    page.get_by_test_id("register-submit").click()
    expect(page.get_by_test_id("new-brainstorm")).to_be_visible()
    return username


class Api:
    """The HTTP API with the page's own session cookie, for setting up what a test starts from."""

    def __init__(self, page: Page, base_url: str) -> None:
        self._page = page
        self._base = base_url

    def call(self, method: str, path: str, body: Any = None) -> Any:
        response = self._page.request.fetch(self._base + path, method=method, data=body)
        assert response.ok, f"{method} {path}: {response.status} {response.text()}"
        text = response.text()
        return response.json() if text else None

    def snapshot(self, execution_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.call("GET", f"/api/workflow/execution/{execution_id}")
        return result

    def wait(self, execution_id: str, ready: Callable[[dict[str, Any]], bool], timeout_s: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            snapshot = self.snapshot(execution_id)
            if ready(snapshot):
                return snapshot
            assert time.monotonic() < deadline, f"execution {execution_id} did not get there: {snapshot['execution']}"
            time.sleep(0.1)

    def start(self, workflow_id: str, inputs: dict[str, Any] | None = None) -> str:
        body: dict[str, Any] = {"workflowId": workflow_id}
        if inputs is not None:
            body["inputs"] = inputs
        execution_id: str = self.call("POST", "/api/workflow/execution", body)["executionId"]
        return execution_id

    def submit(self, execution_id: str, node_id: str, data: dict[str, Any]) -> None:
        self.wait(execution_id, lambda s: node_id in s["pendingInputs"])
        self.call("POST", f"/api/workflow/execution/{execution_id}/input/{node_id}", data)

    def chosen_idea(self) -> str:
        """A finished brainstorm with one idea; returns its result artifact."""
        requirements = {"platform": "抖音", "genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 1}
        brainstorm = self.start("brainstorming", requirements)
        waiting = self.wait(brainstorm, lambda s: "select_idea" in s["pendingInputs"])
        idea = waiting["pendingInputs"]["select_idea"]["initialData"]["ideas"][0]["artifactId"]
        self.submit(brainstorm, "select_idea", {"selectedIdeaId": idea})
        done = self.wait(brainstorm, lambda s: bool(s["execution"].get("result")))
        artifact_id: str = done["execution"]["result"]["artifactId"]
        return artifact_id

    def outline(self, total_episodes: int = 10) -> str:
        """An outline execution whose settings are submitted: the model is writing it."""
        outline = self.start("outline", {"sourceArtifactId": self.chosen_idea()})
        settings = {"totalEpisodes": total_episodes, "episodeDuration": 2, "requirements": ""}
        self.submit(outline, "configure_outline", settings)
        return outline


def text_of(page: Page, test_id: str) -> str:
    return page.get_by_test_id(test_id).inner_text()


def sign_in(page: Page, base_url: str, username: str, path: str = "/") -> None:
    page.goto(base_url + path)
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill("a long password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("new-brainstorm")).to_be_visible()
