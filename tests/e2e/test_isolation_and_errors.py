"""Another user's ids answer 404 everywhere; no credentials answer 401; bad input never answers 5xx."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.support.sse import open_events
from tests.support.system import RunningSystem

from .conftest import register

pytestmark = pytest.mark.e2e

REQUIREMENTS = {"genrePaths": [["男频", "逆袭类", "战神", "龙王"]], "numberOfIdeas": 1}


@pytest.fixture(scope="module")
def owned(system: RunningSystem) -> dict[str, str]:
    """A finished brainstorm of one user: its execution, artifact and transform ids."""
    owner = register(system, f"owner_{uuid.uuid4().hex[:6]}")
    execution_id = owner.post(
        "/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": REQUIREMENTS}
    ).json()["executionId"]
    with open_events(owner, f"/api/workflow/execution/{execution_id}/events") as stream:
        stream.until(lambda e: e.event == "user_input_required")
    transform_id = owner.get(f"/api/workflow/execution/{execution_id}").json()["nodeStates"]["generate_ideas"][
        "transformId"
    ]
    artifact_id = owner.get("/api/artifacts", params={"type": "brainstorm_idea"}).json()[0]["id"]
    return {"execution": execution_id, "artifact": artifact_id, "transform": transform_id}


def routes(ids: dict[str, str]) -> list[tuple[str, str, object]]:
    ex, art, tr = ids["execution"], ids["artifact"], ids["transform"]
    return [
        ("GET", f"/api/workflow/execution/{ex}", None),
        ("GET", f"/api/workflow/execution/{ex}/events", None),
        ("POST", f"/api/workflow/execution/{ex}/cancel", None),
        ("GET", f"/api/workflow/execution/{ex}/input/select_idea", None),
        ("PUT", f"/api/workflow/execution/{ex}/input/select_idea", {"selectedIdeaId": art}),
        ("POST", f"/api/workflow/execution/{ex}/input/select_idea", {"selectedIdeaId": art}),
        ("GET", f"/api/artifacts/{art}", None),
        ("GET", f"/api/artifacts/{art}/lineage", None),
        ("GET", f"/api/transforms/{tr}", None),
        ("GET", f"/api/transforms/{tr}/chunks", None),
        ("POST", f"/api/streaming/cancel/{tr}", None),
        ("POST", f"/api/workflow/execution/{ex}/nodes/generate_ideas/rerun", None),
        ("POST", f"/api/transforms/{tr}/replay", {"mode": "recorded"}),
    ]


def test_another_users_ids_are_not_found(system: RunningSystem, owned: dict[str, str]) -> None:
    intruder = register(system, f"intruder_{uuid.uuid4().hex[:6]}")
    for method, path, body in routes(owned):
        response = intruder.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["error"]["code"] == "not_found"
    assert intruder.get("/api/artifacts").json() == []
    assert intruder.get("/api/artifacts", params={"executionId": owned["execution"]}).json() == []
    assert intruder.get("/api/workflow/execution").json() == []


def test_no_credentials_are_unauthorized(system: RunningSystem, owned: dict[str, str]) -> None:
    anonymous = httpx.Client(base_url=system.base_url, timeout=10)
    for method, path, body in [
        *routes(owned),
        ("GET", "/api/workflow/execution", None),
        ("GET", "/api/workflows", None),
    ]:
        response = anonymous.request(method, path, json=body)
        assert response.status_code == 401, (method, path, response.text)
    assert anonymous.get("/api/auth/me").status_code == 401
    bogus = anonymous.get("/api/auth/me", headers={"Authorization": "Bearer not-a-token"})
    assert bogus.status_code == 401


def test_cookie_session_logout_and_cross_origin_writes(system: RunningSystem) -> None:
    browser = httpx.Client(base_url=system.base_url, timeout=10)
    name = f"cookie_{uuid.uuid4().hex[:6]}"
    assert browser.post("/api/auth/register", json={"username": name, "password": "password1"}).status_code == 201
    assert browser.get("/api/auth/me").json()["user"]["username"] == name
    foreign = browser.post(
        "/api/workflow/execution", json={"workflowId": "brainstorming"}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    same = browser.post(
        "/api/workflow/execution", json={"workflowId": "brainstorming"}, headers={"Origin": system.base_url}
    )
    assert same.status_code == 201
    assert browser.post("/api/auth/logout", headers={"Origin": system.base_url}).status_code == 204
    assert browser.get("/api/auth/me").status_code == 401
    login = httpx.post(f"{system.base_url}/api/auth/login", json={"username": name, "password": "password1"})
    assert login.status_code == 200 and login.json()["token"]
    wrong = httpx.post(f"{system.base_url}/api/auth/login", json={"username": name, "password": "password2"})
    assert wrong.status_code == 401


def test_bad_input_gets_clear_errors(system: RunningSystem) -> None:
    user = register(system, f"careless_{uuid.uuid4().hex[:6]}")
    cases = [
        (user.post("/api/workflow/execution", content=b"{not json", headers={"Content-Type": "application/json"}), 400),
        (user.post("/api/workflow/execution", content=b"x" * (1024 * 1024 + 1)), 413),
        (user.post("/api/workflow/execution", json={"workflowId": "nope"}), 404),
        (user.post("/api/workflow/execution", json={"workflowId": {"$ne": 1}}), 422),
        (
            user.post("/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": {"numberOfIdeas": 9}}),
            422,
        ),
        (user.post("/api/workflow/execution", json=[1, 2]), 422),
        (user.get("/api/workflow/execution/$where"), 404),
        (user.get("/api/artifacts/..%2F..%2Fetc"), 404),
        (user.get("/api/artifacts", params={"type": "nope"}), 422),
        (user.get("/api/workflows/nope"), 404),
        (user.post("/api/auth/register", json={"username": "a", "password": "short"}), 422),
        (user.get("/api/no/such/route"), 404),
        (
            user.post("/api/workflow/execution", content=b"[" * 200_000, headers={"Content-Type": "application/json"}),
            400,
        ),
        (user.put("/api/workflow/execution/ex_x/input/n", content=b'{"a":' * 50_000), 400),
        (user.get("/api/artifacts", params={"executionId": '{"$ne": null}'}), 404),
        (user.get("/api/artifacts", params={"type": '{"$gt": ""}'}), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, (response.request.url, response.text)
        assert set(response.json()["error"]) == {"code", "message", "details"}
    details = cases[4][0].json()["error"]["details"]
    assert ["inputs", "numberOfIdeas"] in [d["path"] for d in details]
    name = f"dup_{uuid.uuid4().hex[:6]}"
    register(system, name)
    duplicate = httpx.post(f"{system.base_url}/api/auth/register", json={"username": name, "password": "password1"})
    assert duplicate.status_code == 409


def test_input_to_a_node_that_is_not_waiting_conflicts(system: RunningSystem) -> None:
    user = register(system, f"eager_{uuid.uuid4().hex[:6]}")
    execution_id = user.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).json()["executionId"]
    early = user.post(f"/api/workflow/execution/{execution_id}/input/select_idea", json={"selectedIdeaId": "art_x"})
    assert early.status_code == 409
    unknown = user.post(f"/api/workflow/execution/{execution_id}/input/generate_ideas", json={})
    assert unknown.status_code == 404
    cancelled = user.post(f"/api/workflow/execution/{execution_id}/cancel")
    assert cancelled.status_code == 202
    assert user.get(f"/api/workflow/execution/{execution_id}").json()["execution"]["status"] == "cancelled"
    late = user.post(f"/api/workflow/execution/{execution_id}/input/collect_requirements", json=REQUIREMENTS)
    assert late.status_code == 409


def test_workflows_are_listed_with_their_graph(system: RunningSystem) -> None:
    user = register(system, f"reader_{uuid.uuid4().hex[:6]}")
    assert "brainstorming" in [w["id"] for w in user.get("/api/workflows").json()]
    graph = user.get("/api/workflows/brainstorming").json()
    assert graph["nodes"][1] == {
        "id": "generate_ideas",
        "type": "llm",
        "description": "生成故事创意",
        "ui": {"component": "idea_grid", "hidden": False, "editable": False},
        "execution": {"lazy": False, "parallel": False, "retryable": True},
    }
    assert httpx.get(f"{system.base_url}/api/system").json() == {"llm": {"demo": True, "model": "demo-model"}}
    assert httpx.get(f"{system.base_url}/api/openapi.json").json()["info"]["title"] == "Script Writer API"
