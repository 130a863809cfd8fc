"""Transform replay: the recorded chunks again with no model call, or the stored prompt again, compared."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.support.sse import SseStream
from tests.support.system import RunningSystem

from .conftest import register
from .journey import start, wait_for_input

pytestmark = pytest.mark.e2e


def brainstorm_requests(system: RunningSystem) -> int:
    return int(httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0))


def test_recorded_replay_and_rerun_comparison(system: RunningSystem) -> None:
    writer = register(system, f"replay_{uuid.uuid4().hex[:6]}")
    execution_id = start(writer, "brainstorming", {"genrePaths": [["女频", "其他类型", "萌宝", "龙凤胎"]]})
    wait_for_input(writer, execution_id, "select_idea")
    transform_id = writer.get(f"/api/workflow/execution/{execution_id}").json()["nodeStates"]["generate_ideas"][
        "transformId"
    ]
    chunks = writer.get(f"/api/transforms/{transform_id}/chunks").json()
    before = brainstorm_requests(system)

    with writer.stream("POST", f"/api/transforms/{transform_id}/replay", json={"mode": "recorded"}) as response:
        assert response.status_code == 200
        events = list(SseStream(response.iter_lines()))
    assert events[0].event == "workflow_node_start" and events[-1].event == "workflow_progress"
    replayed = [e.data for e in events if e.event == "transform_chunk"]
    assert [{"index": c["index"], "delta": c["delta"]} for c in replayed] == chunks
    assert brainstorm_requests(system) == before, "a recorded replay must not call the model"

    compared = writer.post(f"/api/transforms/{transform_id}/replay", json={"mode": "rerun"})
    assert compared.status_code == 200, compared.text
    assert compared.json()["similarity"] == 1.0 and compared.json()["differences"] == []
    assert brainstorm_requests(system) == before + 1

    assert writer.post(f"/api/transforms/{transform_id}/replay", json={"mode": "nope"}).status_code == 422
    stranger = register(system, f"other_{uuid.uuid4().hex[:6]}")
    assert stranger.post(f"/api/transforms/{transform_id}/replay", json={"mode": "recorded"}).status_code == 404
