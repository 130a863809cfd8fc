"""Driving executions over HTTP and SSE the way a client does."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.sse import SseEvent, open_events


def start(client: httpx.Client, workflow_id: str, inputs: dict[str, Any] | None = None) -> str:
    response = client.post("/api/workflow/execution", json={"workflowId": workflow_id, "inputs": inputs})
    assert response.status_code == 201, response.text
    return str(response.json()["executionId"])


def wait_for_input(client: httpx.Client, execution_id: str, node_id: str) -> tuple[dict[str, Any], list[SseEvent]]:
    """Follow the execution until `node_id` asks for input; returns its pending input and the events seen."""
    with open_events(client, f"/api/workflow/execution/{execution_id}/events") as stream:
        events = []
        for event in stream:
            events.append(event)
            if event.event == "execution_state" and node_id in event.data["pendingInputs"]:
                return event.data["pendingInputs"][node_id], events
            if event.event == "user_input_required" and event.data["nodeId"] == node_id:
                return event.data, events
            assert event.event not in ("workflow_failed", "workflow_cancelled"), event.data
    raise AssertionError(f"stream ended before {node_id} asked for input")


def wait_until_finished(client: httpx.Client, execution_id: str) -> SseEvent:
    with open_events(client, f"/api/workflow/execution/{execution_id}/events") as stream:
        for event in stream:
            if event.event == "execution_state" and event.data["execution"]["status"] in ("completed", "failed"):
                return event
            if event.event in ("workflow_completed", "workflow_failed", "workflow_cancelled"):
                return event
    raise AssertionError("stream ended before the execution finished")


def submit(client: httpx.Client, execution_id: str, node_id: str, data: dict[str, Any]) -> None:
    response = client.post(f"/api/workflow/execution/{execution_id}/input/{node_id}", json=data)
    assert response.status_code == 202, response.text


def result_of(finished: SseEvent) -> str:
    data = finished.data
    result = data.get("result") or data.get("execution", {}).get("result")
    assert result, data
    return str(result["artifactId"])
