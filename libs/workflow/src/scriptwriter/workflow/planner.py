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


def _edge_state(edge: Edge, statuses: Mapping[str, NodeStatus], outputs: Mapping[str, Any]) -> str:
    source = statuses.get(edge.source, NodeStatus.PENDING)
    if source is NodeStatus.SKIPPED:
        return "dead"
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
    states = [_edge_state(e, statuses, outputs) for e in definition.incoming(node_id)]
    if not states:
        return "ready"
    if all(s == "dead" for s in states):
        return "dead"
    if "pending" in states:
        return "waiting"
    if definition.nodes[node_id].type is NodeType.MERGE:
        return "ready"
    return "dead" if "dead" in states else "ready"


def _demanded(
    definition: WorkflowDefinition,
    node_id: str,
    statuses: Mapping[str, NodeStatus],
    outputs: Mapping[str, Any],
) -> bool:
    """A lazy node is needed once some consumer would be ready if the lazy node were done."""
    assumed = {**statuses, node_id: NodeStatus.COMPLETED}
    for edge in definition.outgoing(node_id):
        if statuses.get(edge.target, NodeStatus.PENDING) is not NodeStatus.PENDING:
            continue
        if _inputs_state(definition, edge.target, assumed, outputs) == "ready":
            return True
    return not definition.outgoing(node_id)


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
            if status is NodeStatus.PENDING and _inputs_state(definition, node_id, current, outputs) == "dead":
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
