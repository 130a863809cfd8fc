"""Brainstorming through the whole running system, over HTTP and SSE, as a writer would."""

from __future__ import annotations

import json
import time
import uuid

import httpx
import pytest

from tests.support.sse import SseEvent, open_events
from tests.support.system import RunningSystem

from .conftest import register

pytestmark = pytest.mark.e2e

REQUIREMENTS = {
    "platform": "抖音",
    "genrePaths": [["女频", "爱情类", "先婚后爱", "替嫁"], ["女频", "其他类型", "复仇"]],
    "genreProportions": [60, 40],
    "requirements": "要狗血、要反转",
    "numberOfIdeas": 3,
}


def unique(name: str) -> str:
    return f"{name}_{uuid.uuid4().hex[:8]}"


def test_brainstorm_streams_ideas_and_records_lineage(system: RunningSystem) -> None:
    alice = register(system, unique("alice"))
    created = alice.post("/api/workflow/execution", json={"workflowId": "brainstorming"})
    assert created.status_code == 201
    execution_id = created.json()["executionId"]
    assert created.json()["status"] == "paused"
    base = f"/api/workflow/execution/{execution_id}"

    with open_events(alice, f"{base}/events") as stream:
        first = next(iter(stream))
        assert first.event == "execution_state"
        assert first.data["execution"]["status"] == "paused"
        form = first.data["pendingInputs"]["collect_requirements"]
        assert form["initialData"]["numberOfIdeas"] == 3 and form["ui"]["autoSave"] is True

        draft = alice.put(f"{base}/input/collect_requirements", json={"platform": "快手"})
        assert draft.status_code == 200 and draft.json()["version"] == 1
        saved = alice.get(f"{base}/input/collect_requirements").json()
        assert saved == {
            "nodeId": "collect_requirements",
            "version": 1,
            "data": {"platform": "快手"},
            "submitted": False,
        }

        invalid = alice.post(
            f"{base}/input/collect_requirements", json={**REQUIREMENTS, "genrePaths": [["女频", "无"]]}
        )
        assert invalid.status_code == 422
        assert invalid.json()["error"]["details"][0]["path"][0] == "genrePaths"

        submitted_at = time.monotonic()
        assert alice.post(f"{base}/input/collect_requirements", json=REQUIREMENTS).status_code == 202
        again = alice.post(f"{base}/input/collect_requirements", json=REQUIREMENTS)
        assert again.status_code == 409

        events = stream.until(lambda e: e.event == "user_input_required" and e.data["nodeId"] == "select_idea")

    chunks = [e for e in events if e.event == "transform_chunk"]
    start = next(e for e in events if e.event == "workflow_node_start" and e.data["nodeId"] == "generate_ideas")
    first_token_ms = (chunks[0].received_at - submitted_at) * 1000
    print(f"\nfirst-token latency (submit -> first transform_chunk at the client): {first_token_ms:.0f} ms")
    assert start.data["attempt"] == 1
    assert [c.data["index"] for c in chunks] == list(range(len(chunks)))
    assert len(chunks) > 50, "the model's answer should arrive token by token"
    assert all(c.data["transformId"] == start.data["transformId"] for c in chunks)
    ids = [e.id for e in events]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)

    text = "".join(c.data["delta"] for c in chunks)
    streamed = json.loads(text)["ideas"]
    done = next(e for e in events if e.event == "workflow_progress" and e.data["nodeId"] == "generate_ideas")
    ideas = done.data["outputs"]["ideas"]
    assert [i["title"] for i in ideas] == [i["title"] for i in streamed]
    assert (
        len(ideas) == 3 and ideas[0]["genre"] == "女频 > 爱情类 > 先婚后爱 > 替嫁 (60%)；女频 > 其他类型 > 复仇 (40%)"
    )

    transform = alice.get(f"/api/transforms/{start.data['transformId']}").json()
    assert transform["type"] == "llm" and transform["status"] == "completed" and transform["attempt"] == 1
    assert transform["rawResponse"] == text and transform["model"] == "demo-model"
    assert "要狗血、要反转" in transform["prompt"][-1]["content"]
    assert transform["inputs"][0]["role"] == "requirements"
    stored = alice.get(f"/api/transforms/{start.data['transformId']}/chunks").json()
    assert stored == [{"index": c.data["index"], "delta": c.data["delta"]} for c in chunks]

    chosen = ideas[1]
    edited = alice.post(f"{base}/input/select_idea", json={"selectedIdeaId": chosen["artifactId"], "title": "改名"})
    assert edited.status_code == 202

    with open_events(alice, f"{base}/events", {"Last-Event-ID": str(events[10].id)}) as stream:
        replayed = stream.until(lambda e: e.event == "workflow_completed")
    assert [e.id for e in replayed[: len(events) - 11]] == [e.id for e in events[11:]]
    assert [e.data for e in replayed[: len(events) - 11]] == [e.data for e in events[11:]]
    result_id = replayed[-1].data["result"]["artifactId"]

    result = alice.get(f"/api/artifacts/{result_id}").json()
    assert result["type"] == "user_input"
    assert result["data"] == {"originalArtifactId": chosen["artifactId"], "modifications": {"title": "改名"}}
    lineage = alice.get(f"/api/artifacts/{result_id}/lineage").json()
    assert {a["type"] for a in lineage["ancestors"]} == {"brainstorm_idea", "brainstorm_params"}
    assert {t["type"] for t in lineage["transforms"]} == {"human", "llm"}
    kinds = sorted(a["type"] for a in alice.get("/api/artifacts", params={"executionId": execution_id}).json())
    assert kinds == ["brainstorm_idea"] * 3 + ["brainstorm_params", "user_input"]

    snapshot = alice.get(base).json()
    assert snapshot["execution"]["status"] == "completed" and snapshot["execution"]["progress"] == 100
    listed = alice.get("/api/workflow/execution").json()
    assert [e["executionId"] for e in listed] == [execution_id]
    stats = httpx.get(f"{system.model_url}/_demo/stats").json()
    assert stats["requests"].get("brainstorming", 0) >= 1


def test_initial_inputs_start_generation_at_once(system: RunningSystem) -> None:
    carol = register(system, unique("carol"))
    created = carol.post("/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": REQUIREMENTS})
    assert created.status_code == 201 and created.json()["status"] == "running"
    execution_id = created.json()["executionId"]
    with open_events(carol, f"/api/workflow/execution/{execution_id}/events") as stream:
        events = stream.until(lambda e: e.event == "user_input_required")
    state = events[0]
    assert state.event == "execution_state"
    text = state.data["streamingStates"].get("generate_ideas", {}).get("text", "")
    text += "".join(e.data["delta"] for e in events[1:] if e.event == "transform_chunk")
    assert len(json.loads(text)["ideas"]) == 3


def test_snapshot_mid_stream_equals_the_deltas_so_far(system: RunningSystem) -> None:
    dave = register(system, unique("dave"))
    execution_id = dave.post(
        "/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": REQUIREMENTS}
    ).json()["executionId"]
    path = f"/api/workflow/execution/{execution_id}/events"
    with open_events(dave, path) as stream:
        early = stream.until(lambda e: e.event == "transform_chunk" and e.data["index"] >= 20)
    with open_events(dave, path) as stream:
        rest = stream.until(lambda e: e.event == "user_input_required")
    snapshot: SseEvent = rest[0]
    assert snapshot.event == "execution_state" and snapshot.id >= early[-1].id
    text = snapshot.data["streamingStates"]["generate_ideas"]["text"]
    already = early[0].data["streamingStates"].get("generate_ideas", {}).get("text", "")
    prefix = already + "".join(e.data["delta"] for e in early if e.event == "transform_chunk")
    assert text.startswith(prefix)
    full = text + "".join(e.data["delta"] for e in rest[1:] if e.event == "transform_chunk")
    assert len(json.loads(full)["ideas"]) == 3
    assert all(e.id > snapshot.id for e in rest[1:])


def test_new_events_route_creates_and_streams(system: RunningSystem) -> None:
    erin = register(system, unique("erin"))
    with open_events(erin, "/api/workflow/execution/new/events?workflowId=brainstorming") as stream:
        first = next(iter(stream))
    assert first.event == "execution_state"
    execution_id = first.data["executionId"]
    assert erin.get(f"/api/workflow/execution/{execution_id}").json()["execution"]["workflowId"] == "brainstorming"
