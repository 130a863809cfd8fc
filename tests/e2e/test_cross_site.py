"""Cross-site requests with a cookie session: writes from another origin (or marked cross-site by the browser)
are refused and change nothing; signing in needs JSON from this site; bearer tokens are not subject to it."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from tests.support.system import RunningSystem

from .test_hostile_input import Brainstorm, assert_error, assert_still_paused, paused_brainstorm

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser(system: RunningSystem) -> tuple[Brainstorm, str]:
    """A cookie session (no Authorization header) with a paused brainstorm, and the bearer token issued with it."""
    client = httpx.Client(base_url=system.base_url, timeout=20)
    name = f"browser_{uuid.uuid4().hex[:6]}"
    signed_up = client.post("/api/auth/register", json={"username": name, "password": "password1"})
    assert signed_up.status_code == 201
    client.headers["Origin"] = system.base_url
    b = paused_brainstorm(client)
    del client.headers["Origin"]
    return b, signed_up.json()["token"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1.evil.example"])
def test_cross_origin_cookie_writes_are_refused(browser: tuple[Brainstorm, str], origin: str) -> None:
    b, _ = browser
    draft_path = f"/api/workflow/execution/{b.execution}/input/select_idea"
    executions = b.client.get("/api/workflow/execution").json()
    draft = b.client.get(draft_path).json()
    attempt = b.client.get(f"/api/workflow/execution/{b.execution}").json()["nodeStates"]["generate_ideas"]["attempt"]
    for method, path, body in [
        ("POST", "/api/workflow/execution", {"workflowId": "brainstorming"}),
        ("POST", f"/api/workflow/execution/{b.execution}/cancel", None),
        ("POST", f"/api/workflow/execution/{b.execution}/nodes/generate_ideas/rerun", None),
        ("PUT", draft_path, {"selectedIdeaId": "evil"}),
        ("POST", draft_path, {"selectedIdeaId": b.artifact}),
        ("POST", f"/api/streaming/cancel/{b.transform}", None),
        ("POST", f"/api/transforms/{b.transform}/replay", {"mode": "rerun"}),
        ("POST", "/api/auth/logout", None),
    ]:
        response = b.client.request(method, path, json=body, headers={"Origin": origin})
        assert_error(response, 403)
        assert response.json()["error"]["code"] == "cross_origin_refused"
    assert b.client.get("/api/workflow/execution").json() == executions
    assert b.client.get(draft_path).json() == draft
    state = b.client.get(f"/api/workflow/execution/{b.execution}").json()
    assert state["nodeStates"]["generate_ideas"]["attempt"] == attempt
    assert_still_paused(b)
    assert b.client.get("/api/auth/me").status_code == 200


def test_same_origin_cookie_and_bearer_writes_work(system: RunningSystem, browser: tuple[Brainstorm, str]) -> None:
    b, token = browser
    path = f"/api/workflow/execution/{b.execution}/input/select_idea"
    version = b.client.get(path).json()["version"]
    same = b.client.put(path, json={"selectedIdeaId": b.artifact}, headers={"Origin": system.base_url})
    assert same.status_code == 200 and same.json()["version"] == version + 1
    # A bearer token is never sent by a browser on its own, so the origin check does not apply to it.
    bearer = {"Origin": "https://evil.example", "Authorization": f"Bearer {token}"}
    assert b.client.put(path, json={"selectedIdeaId": b.artifact}, headers=bearer).json()["version"] == version + 2
    assert_still_paused(b)


def test_cross_site_requests_cannot_use_or_set_the_session_cookie(
    system: RunningSystem, browser: tuple[Brainstorm, str]
) -> None:
    b, _ = browser
    executions = b.client.get("/api/workflow/execution").json()
    cross_site = {"Sec-Fetch-Site": "cross-site"}  # what a browser sends on a foreign page's form or link
    assert_error(
        b.client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}, headers=cross_site), 403
    )
    new_events = "/api/workflow/execution/new/events?workflowId=brainstorming"
    assert_error(b.client.get(new_events, headers=cross_site), 403)
    assert_error(b.client.get(new_events, headers={"Origin": "https://evil.example"}), 403)
    assert b.client.get("/api/workflow/execution").json() == executions
    credentials = {"username": f"csrf_{uuid.uuid4().hex[:6]}", "password": "password1"}
    for path in ("/api/auth/register", "/api/auth/login"):
        form = httpx.post(
            system.base_url + path, content=json.dumps(credentials), headers={"Content-Type": "text/plain"}
        )
        assert_error(form, 415)
        foreign = httpx.post(system.base_url + path, json=credentials, headers={"Origin": "https://evil.example"})
        assert_error(foreign, 403)
        assert "set-cookie" not in foreign.headers
    assert httpx.post(system.base_url + "/api/auth/register", json=credentials).status_code == 201
