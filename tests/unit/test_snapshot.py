from __future__ import annotations

from scriptwriter.catalog import PROGRAMS
from scriptwriter.gateway.snapshot import SnapshotFold

EXECUTION = {"id": "ex_1", "workflowId": "brainstorming", "createdAt": "2026-01-01T00:00:00.000Z"}


def fold(events: list[tuple[str, dict[str, object]]]) -> SnapshotFold:
    snapshot = SnapshotFold(PROGRAMS["brainstorming"].definition, EXECUTION)
    for event, data in events:
        snapshot.apply(event, {"executionId": "ex_1", **data})
    return snapshot


def test_waiting_for_input_is_paused_with_the_pending_input_and_draft() -> None:
    snapshot = fold(
        [
            ("workflow_node_start", {"nodeId": "collect_requirements", "attempt": 1}),
            (
                "user_input_required",
                {"nodeId": "collect_requirements", "initialData": {"a": 1}, "schema": {}, "ui": {}},
            ),
        ]
    )
    data = snapshot.to_data({"collect_requirements": {"a": 2}})
    assert data["execution"]["status"] == "paused"
    assert data["currentNode"] == "collect_requirements"
    assert data["pendingInputs"]["collect_requirements"] == {
        "initialData": {"a": 1},
        "schema": {},
        "ui": {},
        "draft": {"a": 2},
    }


def test_streaming_text_is_the_contiguous_deltas_of_the_latest_attempt() -> None:
    snapshot = fold(
        [
            ("workflow_progress", {"nodeId": "collect_requirements", "status": "completed", "progress": 33}),
            ("workflow_node_start", {"nodeId": "generate_ideas", "attempt": 1, "transformId": "tr_1"}),
            ("transform_chunk", {"nodeId": "generate_ideas", "transformId": "tr_1", "index": 0, "delta": "old"}),
            ("workflow_node_start", {"nodeId": "generate_ideas", "attempt": 2, "transformId": "tr_2"}),
            ("transform_chunk", {"nodeId": "generate_ideas", "transformId": "tr_2", "index": 0, "delta": '{"i'}),
            ("transform_chunk", {"nodeId": "generate_ideas", "transformId": "tr_2", "index": 0, "delta": '{"i'}),
            ("transform_chunk", {"nodeId": "generate_ideas", "transformId": "tr_1", "index": 1, "delta": "x"}),
            ("transform_chunk", {"nodeId": "generate_ideas", "transformId": "tr_2", "index": 1, "delta": "deas"}),
        ]
    )
    data = snapshot.to_data({})
    assert data["streamingStates"]["generate_ideas"] == {
        "transformId": "tr_2",
        "text": '{"ideas',
        "status": "streaming",
    }
    assert data["nodeStates"]["generate_ideas"]["attempt"] == 2
    assert data["execution"]["status"] == "running"
    assert data["execution"]["progress"] == 33


def test_completion_is_final() -> None:
    snapshot = fold(
        [
            (
                "workflow_progress",
                {"nodeId": "select_idea", "status": "completed", "progress": 100, "outputs": {"x": 1}},
            ),
            ("workflow_completed", {"status": "completed", "result": {"artifactId": "art_9"}}),
        ]
    )
    data = snapshot.to_data({})
    assert data["execution"]["status"] == "completed"
    assert data["execution"]["result"] == {"artifactId": "art_9"}
    assert data["nodeStates"]["select_idea"] == {"status": "completed", "attempt": 0, "outputs": {"x": 1}}
