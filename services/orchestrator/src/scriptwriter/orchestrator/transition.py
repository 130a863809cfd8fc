"""One change to an execution: the new document, plus the events and jobs to send once it is saved."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from scriptwriter.catalog import NodeContext, WorkflowProgram
from scriptwriter.contracts.events import Event, EventEnvelope
from scriptwriter.contracts.messages import CancelTransform, GenerateText
from scriptwriter.contracts.status import ExecutionStatus, NodeStatus
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.workflow import progress


@dataclass
class Transition:
    program: WorkflowProgram
    original: dict[str, Any]
    doc: dict[str, Any] = field(init=False)
    events: list[tuple[EventEnvelope, str]] = field(default_factory=list)
    jobs: list[GenerateText] = field(default_factory=list)
    cancels: list[tuple[CancelTransform, int]] = field(default_factory=list)
    """Each cancel with the number of streams known to be running that it stops (their workers confirm)."""
    result: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc = copy.deepcopy(self.original)
        self.doc.setdefault("nodes", {})

    @property
    def execution_id(self) -> str:
        return str(self.doc["id"])

    @property
    def user_id(self) -> str:
        return str(self.doc["userId"])

    def node(self, node_id: str) -> dict[str, Any]:
        node: dict[str, Any] = self.doc["nodes"].setdefault(
            node_id, {"status": NodeStatus.PENDING.value, "attempt": 0, "run": 0}
        )
        return node

    def set_node(self, node_id: str, **fields: Any) -> dict[str, Any]:
        node = self.node(node_id)
        node.update({k: (v.value if isinstance(v, NodeStatus) else v) for k, v in fields.items()})
        return node

    @property
    def statuses(self) -> dict[str, NodeStatus]:
        return {nid: NodeStatus(self.node(nid)["status"]) for nid in self.program.definition.nodes}

    @property
    def outputs(self) -> dict[str, dict[str, Any]]:
        return {nid: n["outputs"] for nid, n in self.doc["nodes"].items() if n.get("outputs") is not None}

    def context(self) -> NodeContext:
        return NodeContext(self.execution_id, self.doc.get("inputs") or {}, self.outputs, self.doc.get("sources") or {})

    @property
    def progress(self) -> int:
        return progress(self.program.definition, self.statuses)

    @property
    def finished(self) -> bool:
        return ExecutionStatus(self.doc["status"]).finished

    def emit(self, event: Event, msg_id: str) -> None:
        self.events.append((EventEnvelope.of(event), f"{self.execution_id}:{msg_id}"))

    def refresh_summary(self) -> None:
        statuses = self.statuses
        active = [n for n, s in statuses.items() if s in (NodeStatus.RUNNING, NodeStatus.WAITING_INPUT)]
        self.doc["currentNode"] = active[0] if active else None
        self.doc["progress"] = self.progress
        if not self.finished:
            waiting = any(s is NodeStatus.WAITING_INPUT for s in statuses.values())
            running = any(s is NodeStatus.RUNNING for s in statuses.values())
            self.doc["status"] = (ExecutionStatus.PAUSED if waiting and not running else ExecutionStatus.RUNNING).value

    def changes(self) -> dict[str, Any]:
        self.refresh_summary()
        self.doc["updatedAt"] = utc_now()
        keep = ("nodes", "status", "currentNode", "progress", "updatedAt", "result", "error", "finishes")
        return {k: self.doc[k] for k in keep if k in self.doc}

    @property
    def changed(self) -> bool:
        return bool(self.events or self.jobs or self.cancels) or self.doc != self.original
