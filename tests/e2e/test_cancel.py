"""Stopping one streaming transform: the node ends cancelled, so does the execution, and a rerun finishes it."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.support.sse import open_events
from tests.support.system import RunningSystem

from .conftest import register
from .journey import start, submit, wait_for_input, wait_until_finished

pytestmark = pytest.mark.e2e


def test_stopping_a_transform_cancels_the_node_and_a_rerun_recovers(system: RunningSystem) -> None:
    writer = register(system, f"stopper_{uuid.uuid4().hex[:6]}")
    execution_id = start(
        writer, "brainstorming", {"genrePaths": [["男频", "设定类", "末世", "丧尸"]], "numberOfIdeas": 4}
    )
    path = f"/api/workflow/execution/{execution_id}/events"
    with open_events(writer, path) as stream:
        first = stream.until(lambda e: e.event == "transform_chunk")[-1]
        assert writer.post(f"/api/streaming/cancel/{first.data['transformId']}").status_code == 202
        rest = stream.until(lambda e: e.event in ("workflow_cancelled", "workflow_failed", "workflow_completed"))
    assert rest[-1].event == "workflow_cancelled"
    progress = [e for e in rest if e.event == "workflow_progress" and e.data["nodeId"] == "generate_ideas"]
    assert progress and progress[-1].data["status"] == "cancelled"
    transform = writer.get(f"/api/transforms/{first.data['transformId']}").json()
    assert transform["status"] == "cancelled"
    listed = writer.get("/api/transforms", params={"executionId": execution_id}).json()
    assert [t["id"] for t in listed if t["type"] == "llm"] == [first.data["transformId"]]

    assert writer.post(f"/api/workflow/execution/{execution_id}/nodes/generate_ideas/rerun").status_code == 202
    pending, _ = wait_for_input(writer, execution_id, "select_idea")
    submit(writer, execution_id, "select_idea", {"selectedIdeaId": pending["initialData"]["ideas"][0]["artifactId"]})
    finished = wait_until_finished(writer, execution_id)
    assert finished.event == "workflow_completed" or finished.data["execution"]["status"] == "completed"
    snapshot = writer.get(f"/api/workflow/execution/{execution_id}").json()
    assert snapshot["execution"]["inputs"]["numberOfIdeas"] == 4


def test_cancelling_the_execution_mid_stream_leaves_no_chunk_after_the_end(system: RunningSystem) -> None:
    writer = register(system, f"halter_{uuid.uuid4().hex[:6]}")
    execution_id = start(writer, "brainstorming", {"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 4})
    path = f"/api/workflow/execution/{execution_id}/events"
    with open_events(writer, path) as stream:
        first = stream.until(lambda e: e.event == "transform_chunk" and e.data["index"] >= 3)[-1]
        assert writer.post(f"/api/workflow/execution/{execution_id}/cancel").status_code == 202
        stream.until(lambda e: e.event == "workflow_cancelled")
    transform_id = first.data["transformId"]
    deadline = time.monotonic() + 15
    while writer.get(f"/api/transforms/{transform_id}").json()["status"] == "streaming":
        assert time.monotonic() < deadline, "the worker never recorded the end of the stream"
        time.sleep(0.05)
    with open_events(writer, path) as stream:
        last_id = next(iter(stream)).id  # the snapshot carries the id of the last event in the log
    with open_events(writer, path, {"Last-Event-ID": "0"}) as stream:
        log = stream.until(lambda e: e.id >= last_id)
    end = next(i for i, e in enumerate(log) if e.event == "workflow_cancelled")
    assert [e.event for e in log[end + 1 :] if e.event == "transform_chunk"] == []
    chunks = [e.data["index"] for e in log if e.event == "transform_chunk"]
    assert chunks == list(range(len(chunks)))
    stored = writer.get(f"/api/transforms/{transform_id}/chunks").json()
    assert [c["index"] for c in stored] == chunks
