"""An immutable, validated workflow definition (made by `WorkflowBuilder.build`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .nodes import NodeSpec

Condition = Callable[[Mapping[str, Any]], bool]
"""A conditional edge's predicate over the source node's outputs."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    condition: Condition | None = None

    @property
    def conditional(self) -> bool:
        return self.condition is not None


@dataclass(frozen=True)
class WorkflowDefinition:
    id: str
    name: str
    description: str
    nodes: Mapping[str, NodeSpec]
    edges: tuple[Edge, ...]

    def incoming(self, node_id: str) -> tuple[Edge, ...]:
        return tuple(e for e in self.edges if e.target == node_id)

    def outgoing(self, node_id: str) -> tuple[Edge, ...]:
        return tuple(e for e in self.edges if e.source == node_id)

    def to_dict(self) -> dict[str, Any]:
        """The shape of `GET /api/workflows/{id}`."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "nodes": [
                {
                    "id": n.id,
                    "type": n.type.value,
                    "description": n.description,
                    "ui": {"component": n.ui.component, "hidden": n.ui.hidden, "editable": n.ui.editable},
                    "execution": {
                        "lazy": n.execution.lazy,
                        "parallel": n.execution.parallel,
                        "retryable": n.execution.retryable,
                    },
                }
                for n in self.nodes.values()
            ],
            "edges": [{"from": e.source, "to": e.target, "conditional": e.conditional} for e in self.edges],
        }
