"""Hostile input: operator-shaped ids, filters and body values, oversized and deeply nested bodies, cross-origin
cookie writes and hostile `Last-Event-ID` headers. Never a 5xx, never another user's data, the service keeps working."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.support.sse import SseStream, open_events
from tests.support.system import RunningSystem

from .conftest import register
from .test_isolation_and_errors import REQUIREMENTS

pytestmark = pytest.mark.e2e

HOSTILE = ["$where", '{"$ne":null}', '{"$gt":""}', "a.b", "../..", "\x00", "x" * 10_000, "执行", "[$ne]"]
MIB = 1024 * 1024
FAST = httpx.Timeout(10)


@dataclass
class Brainstorm:
    client: httpx.Client
    execution: str
    artifact: str
    transform: str


def paused_brainstorm(client: httpx.Client) -> Brainstorm:
    created = client.post("/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": REQUIREMENTS})
    assert created.status_code == 201, created.text
    execution = created.json()["executionId"]
    with open_events(client, f"/api/workflow/execution/{execution}/events") as stream:
        stream.until(lambda e: e.event == "user_input_required")
    state = client.get(f"/api/workflow/execution/{execution}").json()
    artifact = client.get("/api/artifacts", params={"type": "brainstorm_idea", "executionId": execution}).json()[0]
    return Brainstorm(client, execution, artifact["id"], state["nodeStates"]["generate_ideas"]["transformId"])


@pytest.fixture(scope="module")
def owned(system: RunningSystem) -> Brainstorm:
    return paused_brainstorm(register(system, f"victim_{uuid.uuid4().hex[:6]}"))


@pytest.fixture(scope="module")
def attacker(system: RunningSystem) -> httpx.Client:
    return register(system, f"attacker_{uuid.uuid4().hex[:6]}")


def assert_error(response: httpx.Response, *statuses: int) -> None:
    assert response.status_code in statuses, (response.request.method, str(response.request.url)[:200], response.text)
    assert set(response.json()["error"]) == {"code", "message", "details"}


def assert_still_paused(b: Brainstorm) -> None:
    state = b.client.get(f"/api/workflow/execution/{b.execution}")
    assert state.status_code == 200, state.text
    assert state.json()["execution"]["status"] == "paused"
    assert state.json()["nodeStates"]["select_idea"]["status"] == "waiting_input"


ID_ROUTES = [
    ("GET", "/api/workflow/execution/{ex}", None),
    ("GET", "/api/workflow/execution/{ex}/events", None),
    ("POST", "/api/workflow/execution/{ex}/cancel", None),
    ("POST", "/api/workflow/execution/{ex}/nodes/{node}/rerun", None),
    ("GET", "/api/workflow/execution/{ex}/input/{node}", None),
    ("PUT", "/api/workflow/execution/{ex}/input/{node}", {"selectedIdeaId": "x"}),
    ("POST", "/api/workflow/execution/{ex}/input/{node}", {"selectedIdeaId": "x"}),
    ("GET", "/api/artifacts/{art}", None),
    ("GET", "/api/artifacts/{art}/lineage", None),
    ("GET", "/api/transforms/{tr}", None),
    ("GET", "/api/transforms/{tr}/chunks", None),
    ("POST", "/api/transforms/{tr}/replay", {"mode": "recorded"}),
    ("POST", "/api/streaming/cancel/{tr}", None),
    ("GET", "/api/workflows/{wf}", None),
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: repr(h[:12]))
def test_hostile_path_ids_are_not_found(owned: Brainstorm, attacker: httpx.Client, hostile: str) -> None:
    real = {"ex": owned.execution, "node": "select_idea", "art": owned.artifact, "tr": owned.transform}
    real["wf"] = "brainstorming"
    for method, template, body in ID_ROUTES:
        for slot in [s for s in real if "{" + s + "}" in template]:  # one slot hostile, every other one real
            path = template.format(**{**real, slot: quote(hostile, safe="")})
            for client in (owned.client, attacker):
                response = client.request(method, path, json=body, timeout=FAST)
                assert_error(response, 404)
                assert owned.artifact not in response.text
    assert_still_paused(owned)


FILTERS: list[dict[str, Any] | list[tuple[str, str]]] = [
    *({"executionId": h} for h in HOSTILE),
    *({"type": h} for h in HOSTILE),
    *({"scope": h} for h in HOSTILE),
    *({"workflowId": h} for h in HOSTILE),
    {"executionId[$ne]": "x"},
    {"type[$ne]": "x", "executionId[$exists]": "true"},
    [("executionId", "ex_nope"), ("executionId", "{owned}")],
    [("executionId", "{owned}"), ("executionId", '{"$ne":null}')],
    [("type", "brainstorm_idea"), ("type", "$where")],
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: repr(p)[:40])
def test_hostile_filters_never_match_another_users_data(
    owned: Brainstorm, attacker: httpx.Client, params: dict[str, Any] | list[tuple[str, str]]
) -> None:
    items = params.items() if isinstance(params, dict) else params
    query = [(k, v.replace("{owned}", owned.execution)) for k, v in items]
    for path in ("/api/artifacts", "/api/transforms"):
        response = attacker.get(path, params=query, timeout=FAST)
        assert response.status_code < 500, response.text
        if response.status_code == 200:
            assert response.json() == [], (path, query)
        else:
            assert_error(response, 404, 422)
    new = attacker.get("/api/workflow/execution/new/events", params=query, timeout=FAST)
    assert_error(new, 404, 422)
    assert attacker.get("/api/workflow/execution").json() == []
    assert owned.client.get("/api/artifacts", params={"executionId": owned.execution}).json()[0]["id"]


def test_operator_values_in_bodies_are_refused_or_stored_as_plain_data(
    system: RunningSystem, owned: Brainstorm
) -> None:
    ex_path = f"/api/workflow/execution/{owned.execution}/input/select_idea"
    before = len(owned.client.get("/api/workflow/execution").json())
    for body, status in [
        ({"workflowId": {"$ne": None}}, 422),
        ({"workflowId": "$where"}, 404),
        ({"workflowId": "brainstorming", "inputs": {"numberOfIdeas": {"$gt": 0}, "genrePaths": {"$ne": None}}}, 422),
        ({"workflowId": "brainstorming", "inputs": {"$where": "1", "a.b": 1}}, 422),
        ({"workflowId": "brainstorming", "inputs": [{"$ne": None}]}, 422),
    ]:
        assert_error(owned.client.post("/api/workflow/execution", json=body), status)
    for body in [{"selectedIdeaId": {"$ne": None}}, {"selectedIdeaId": "$where"}, {"$set": {"status": "completed"}}]:
        assert_error(owned.client.post(ex_path, json=body), 422)
    for path in ("/api/auth/login", "/api/auth/register"):
        for credentials in [
            {"username": {"$ne": None}, "password": {"$ne": None}},
            {"username": "$where", "password": "x" * 8},
        ]:
            assert_error(httpx.post(system.base_url + path, json=credentials), 422)
    assert_error(owned.client.post(f"/api/transforms/{owned.transform}/replay", json={"mode": {"$ne": None}}), 422)
    draft = {"$where": "1", "a.b": {"$ne": None}, "selectedIdeaId": {"$gt": ""}, "$": [{"$in": [1]}]}
    assert owned.client.put(ex_path, json=draft).status_code == 200
    assert owned.client.get(ex_path).json()["data"] == draft  # stored verbatim, never read as an operator
    # Another user's own brainstorm cannot pick the victim's idea.
    mine = paused_brainstorm(register(system, f"picker_{uuid.uuid4().hex[:6]}"))
    theirs = {"selectedIdeaId": owned.artifact}
    assert_error(mine.client.post(f"/api/workflow/execution/{mine.execution}/input/select_idea", json=theirs), 422)
    assert len(owned.client.get("/api/workflow/execution").json()) == before
    assert_still_paused(owned)


def body_routes(b: Brainstorm) -> list[tuple[str, str]]:
    return [
        ("POST", "/api/auth/register"),
        ("POST", "/api/auth/login"),
        ("POST", "/api/workflow/execution"),
        ("PUT", f"/api/workflow/execution/{b.execution}/input/select_idea"),
        ("POST", f"/api/workflow/execution/{b.execution}/input/select_idea"),
        ("POST", f"/api/transforms/{b.transform}/replay"),
    ]


def chunked(total: int) -> Iterator[bytes]:
    for _ in range(total // 65536 + 1):
        yield b"[" * 65536


def nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {"leaf": 1}
    for _ in range(depth):
        data = {"a": [data]}
    return data


def test_oversized_and_deeply_nested_bodies(owned: Brainstorm) -> None:
    json_type = {"Content-Type": "application/json"}
    for method, path in body_routes(owned):
        cases: list[tuple[bytes | Iterator[bytes], tuple[int, ...]]] = [
            (b"{" + b" " * (2 * MIB) + b"}", (413,)),
            (chunked(2 * MIB), (413,)),
            (b"[" * 10_000 + b"]" * 10_000, (400, 422)),
            (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, (400, 422)),
        ]
        for content, statuses in cases:
            started = time.monotonic()
            response = owned.client.request(method, path, content=content, headers=json_type, timeout=FAST)
            assert_error(response, *statuses)
            assert time.monotonic() - started < 5
    many_keys = json.dumps({f"k{i}": i for i in range(60_000)}).encode()
    assert len(many_keys) < MIB
    for method, path in body_routes(owned):
        response = owned.client.request(method, path, content=many_keys, headers=json_type, timeout=FAST)
        assert response.status_code < 500, (path, response.text[:300])
    for path in ("/api/workflow/execution/ex_nope/cancel", "/api/workflow/execution/ex_nope/nodes/n/rerun"):
        assert_error(owned.client.post(path, content=b"x" * 2 * MIB, timeout=FAST), 404, 413)
    assert owned.client.put(body_routes(owned)[3][1], json={"selectedIdeaId": owned.artifact}).status_code == 200
    assert_still_paused(owned)


def test_a_deep_draft_is_refused_and_the_execution_still_served(system: RunningSystem, owned: Brainstorm) -> None:
    path = f"/api/workflow/execution/{owned.execution}/input/select_idea"
    before = owned.client.get(path).json()
    refused = owned.client.put(path, json=nested(200), timeout=FAST)  # 400 levels: valid JSON, too deep to keep
    assert_error(refused, 422)
    assert refused.json()["error"]["details"][0]["type"] == "too_deep"
    assert owned.client.get(path).json() == before
    assert owned.client.get(f"/api/workflow/execution/{owned.execution}").status_code == 200
    assert owned.client.put(path, json=nested(20)).status_code == 200  # ordinary nesting is kept
    assert owned.client.put(path, json={"selectedIdeaId": owned.artifact}).status_code == 200


@pytest.mark.parametrize("where", ["inputs", "submit"])
def test_many_keys_in_a_validated_body(owned: Brainstorm, where: str) -> None:
    keys = {f"k{i}": i for i in range(50_000)}
    if where == "inputs":
        response = owned.client.post(
            "/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": keys}, timeout=httpx.Timeout(5)
        )
    else:
        path = f"/api/workflow/execution/{owned.execution}/input/select_idea"
        response = owned.client.post(path, json=keys, timeout=httpx.Timeout(5))
    assert_error(response, 422)
    details = response.json()["error"]["details"]
    assert len(details) <= 51 and details[-1]["type"] == "truncated"


def first_event(client: httpx.Client, path: str, last_event_id: str | bytes) -> tuple[int, str | None]:
    value = last_event_id if isinstance(last_event_id, bytes) else last_event_id.encode()
    headers = [*client.headers.raw, (b"Last-Event-ID", value)]
    with httpx.stream("GET", str(client.base_url) + path, headers=headers, timeout=FAST) as response:
        if response.status_code != 200:
            response.read()
            return response.status_code, None
        return 200, next(iter(SseStream(response.iter_lines()))).event


@pytest.mark.parametrize(
    "last_event_id",
    [
        *["-1", "abc", "1e9", "0x10", "+3", "1.5", "a" * 8000, "9" * 18, "9" * 20, "9" * 5000, b"\xb2"],
    ],
    ids=lambda v: repr(v[:10]),
)
def test_hostile_last_event_id(owned: Brainstorm, attacker: httpx.Client, last_event_id: str | bytes) -> None:
    path = f"/api/workflow/execution/{owned.execution}/events"
    status, event = first_event(attacker, path, last_event_id)
    assert status == 404  # another user's execution, whatever the header
    status, event = first_event(owned.client, path, last_event_id)
    assert status == 200
    assert event == "execution_state"  # not an id of this execution's events: the snapshot comes first
    assert_still_paused(owned)
