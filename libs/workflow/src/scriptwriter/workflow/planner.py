"""What runs next: plain functions over (definition, node statuses, node outputs)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scriptwriter.contracts.status import NodeStatus

from .definition import Edge, WorkflowDefinition
from .nodes import NodeType


@dataclass(frozen=True)
class Plan:
    """The planner's answer: nodes to start now, nodes to mark skipped, and whether the run is over."""

    ready: tuple[str, ...]
    skip: tuple[str, ...]
    finished: bool


def _edge_state(
    edge: Edge, statuses: Mapping[str, NodeStatus], outputs: Mapping[str, Any], optional: bool = False
) -> str:
    source = statuses.get(edge.source, NodeStatus.PENDING)
    if source is NodeStatus.SKIPPED:
        # A lazy node's output is optional: when it had nothing to do, its consumers go on without it.
        return "live" if optional else "dead"
    if source is not NodeStatus.COMPLETED:
        return "pending"
    if edge.condition is not None and not edge.condition(outputs.get(edge.source) or {}):
        return "dead"
    return "live"


def _inputs_state(
    definition: WorkflowDefinition,
    node_id: str,
    statuses: Mapping[str, NodeStatus],
    outputs: Mapping[str, Any],
) -> str:
    """`ready`, `waiting` or `dead` for a node judged by its incoming edges alone."""
    states = [
        _edge_state(e, statuses, outputs, definition.nodes[e.source].execution.lazy)
        for e in definition.incoming(node_id)
    ]
    if not states:
        return "ready"
    merge = definition.nodes[node_id].type is NodeType.MERGE
    if all(s == "dead" for s in states) or (not merge and "dead" in states):
        return "dead"
    return "waiting" if "pending" in states else "ready"


def _demanded(
    definition: WorkflowDefinition, node_id: str, statuses: Mapping[str, NodeStatus], outputs: Mapping[str, Any]
) -> bool:
    """A lazy node is needed once some consumer would be ready if the lazy inputs that can run were done."""
    if not definition.outgoing(node_id):
        return True
    assumed = dict(statuses)
    for other, status in statuses.items():
        if (
            status is NodeStatus.PENDING
            and definition.nodes[other].execution.lazy
            and _inputs_state(definition, other, statuses, outputs) == "ready"
        ):
            assumed[other] = NodeStatus.COMPLETED
    assumed[node_id] = NodeStatus.COMPLETED
    for edge in definition.outgoing(node_id):
        if assumed.get(edge.target, NodeStatus.PENDING) not in (NodeStatus.PENDING, NodeStatus.COMPLETED):
            continue
        if statuses.get(edge.target, NodeStatus.PENDING) is not NodeStatus.PENDING:
            continue
        if _inputs_state(definition, edge.target, assumed, outputs) != "ready":
            continue
        if not definition.nodes[edge.target].execution.lazy or _demanded(definition, edge.target, assumed, outputs):
            return True
    return False


def _unneeded(definition: WorkflowDefinition, node_id: str, statuses: Mapping[str, NodeStatus]) -> bool:
    """A lazy node none of whose consumers can still run."""
    consumers = [e.target for e in definition.outgoing(node_id)]
    return bool(consumers) and all(statuses.get(c, NodeStatus.PENDING).finished for c in consumers)


def plan(
    definition: WorkflowDefinition,
    statuses: Mapping[str, NodeStatus],
    outputs: Mapping[str, Any] | None = None,
) -> Plan:
    outputs = outputs or {}
    current = {n: statuses.get(n, NodeStatus.PENDING) for n in definition.nodes}
    skip: list[str] = []
    changed = True
    while changed:  # skipping cascades downstream
        changed = False
        for node_id, status in current.items():
            if status is not NodeStatus.PENDING:
                continue
            dead = _inputs_state(definition, node_id, current, outputs) == "dead"
            if dead or (definition.nodes[node_id].execution.lazy and _unneeded(definition, node_id, current)):
                current[node_id] = NodeStatus.SKIPPED
                skip.append(node_id)
                changed = True
    ready = [
        n
        for n, status in current.items()
        if status is NodeStatus.PENDING
        and _inputs_state(definition, n, current, outputs) == "ready"
        and (not definition.nodes[n].execution.lazy or _demanded(definition, n, current, outputs))
    ]
    finished = all(s.finished for s in current.values()) or any(
        s in (NodeStatus.FAILED, NodeStatus.CANCELLED) for s in current.values()
    )
    return Plan(ready=tuple(ready), skip=tuple(skip), finished=finished and not ready)


def progress(definition: WorkflowDefinition, statuses: Mapping[str, NodeStatus]) -> int:
    """Percent of nodes finished (completed or skipped)."""
    total = len(definition.nodes)
    done = sum(1 for n in definition.nodes if statuses.get(n, NodeStatus.PENDING).finished)
    return round(100 * done / total) if total else 100
