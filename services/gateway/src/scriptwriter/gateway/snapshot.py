"""The `execution_state` snapshot as a fold of the execution's event log up to one sequence.

Folding the log itself (rather than reading a separately stored state) makes the snapshot exactly consistent
with its id: every event after it is sent live, every event up to it is inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scriptwriter.workflow import NodeType, WorkflowDefinition

_FINISHED = {
    "workflow_completed": "completed",
    "workflow_failed": "failed",
    "workflow_cancelled": "cancelled",
}


@dataclass
class SnapshotFold:
    definition: WorkflowDefinition
    execution: dict[str, Any]
    node_states: dict[str, dict[str, Any]] = field(default_factory=dict)
    streaming: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)
    progress: int = 0
    final_status: str | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        for node_id in self.definition.nodes:
            self.node_states[node_id] = {"status": "pending", "attempt": 0}

    def apply(self, event: str, data: dict[str, Any]) -> None:
        node_id = str(data.get("nodeId", ""))
        state = self.node_states.get(node_id)
        if event == "workflow_node_start" and state is not None:
            self.final_status = self.result = self.error = None  # a rerun reopens a finished execution
            state.update(attempt=data.get("attempt", 1), status="running")
            state.pop("error", None)
            if data.get("transformId"):
                state["transformId"] = data["transformId"]
                state["status"] = "streaming"
                self.streaming[node_id] = {
                    "transformId": data["transformId"],
                    "text": "",
                    "status": "streaming",
                    "nextIndex": 0,
                }
        elif event == "transform_chunk" and node_id in self.streaming:
            stream = self.streaming[node_id]
            if stream["transformId"] == data.get("transformId") and data.get("index") == stream["nextIndex"]:
                stream["text"] += data.get("delta", "")
                stream["nextIndex"] += 1
        elif event == "user_input_required" and state is not None:
            state["status"] = "waiting_input"
            self.pending[node_id] = {k: data.get(k) for k in ("initialData", "schema", "ui")}
        elif event == "workflow_progress" and state is not None:
            state["status"] = data["status"]
            for key in ("outputs", "error"):
                if key in data:
                    state[key] = data[key]
            self.pending.pop(node_id, None)
            if node_id in self.streaming:
                self.streaming[node_id]["status"] = data["status"]
            self.progress = int(data.get("progress", self.progress))
        elif event in _FINISHED:
            self.final_status = _FINISHED[event]
            self.result = data.get("result")
            self.error = data.get("error")
            if event == "workflow_completed":
                self.progress = 100

    def status(self) -> str:
        if self.final_status:
            return self.final_status
        statuses = {s["status"] for s in self.node_states.values()}
        if "waiting_input" in statuses and not statuses & {"running", "streaming"}:
            return "paused"
        return "running"

    def current_node(self) -> str | None:
        for node_id, state in self.node_states.items():
            if state["status"] in ("running", "streaming", "waiting_input"):
                return node_id
        return None

    def to_data(self, drafts: dict[str, Any]) -> dict[str, Any]:
        current = self.current_node()
        pending = {}
        for node_id, entry in self.pending.items():
            pending[node_id] = dict(entry)
            if node_id in drafts:
                pending[node_id]["draft"] = drafts[node_id]
        execution_id = self.execution["id"]
        return {
            "executionId": execution_id,
            "execution": {
                "executionId": execution_id,
                "workflowId": self.execution["workflowId"],
                "status": self.status(),
                "currentNode": current,
                "progress": self.progress,
                "createdAt": self.execution["createdAt"],
                "inputs": self.execution.get("inputs") or {},
                **({"result": self.result} if self.result is not None else {}),
                **({"error": self.error} if self.error is not None else {}),
            },
            "currentNode": current,
            "nodeStates": self.node_states,
            "streamingStates": {
                n: {k: s[k] for k in ("transformId", "text", "status")} for n, s in self.streaming.items()
            },
            "pendingInputs": pending,
        }

    def human_nodes_waiting(self) -> list[str]:
        return [n for n in self.pending if self.definition.nodes[n].type is NodeType.HUMAN]
