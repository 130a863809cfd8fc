"""Builds workflow definitions, reporting every problem at once."""

from __future__ import annotations

from types import MappingProxyType

from .definition import Condition, Edge, WorkflowDefinition
from .nodes import NodeSpec, NodeType


class WorkflowDefinitionError(ValueError):
    """A definition that cannot run; `problems` lists every reason."""

    def __init__(self, workflow_id: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"workflow {workflow_id!r} is invalid: " + "; ".join(problems))


class WorkflowBuilder:
    def __init__(self, workflow_id: str, name: str, description: str = "") -> None:
        self._id = workflow_id
        self._name = name
        self._description = description
        self._nodes: dict[str, NodeSpec] = {}
        self._edges: list[Edge] = []
        self._problems: list[str] = []

    def add_node(self, node: NodeSpec) -> WorkflowBuilder:
        if node.id in self._nodes:
            self._problems.append(f"duplicate node {node.id!r}")
        self._nodes[node.id] = node
        return self

    def connect(self, source: str, target: str, condition: Condition | None = None) -> WorkflowBuilder:
        self._edges.append(Edge(source, target, condition))
        return self

    def build(self) -> WorkflowDefinition:
        problems = list(self._problems) + self._edge_problems()
        if not problems:
            problems += self._shape_problems()
        if problems:
            raise WorkflowDefinitionError(self._id, problems)
        return WorkflowDefinition(
            id=self._id,
            name=self._name,
            description=self._description,
            nodes=MappingProxyType(dict(self._nodes)),
            edges=tuple(self._edges),
        )

    def _edge_problems(self) -> list[str]:
        problems = []
        for edge in self._edges:
            for end in (edge.source, edge.target):
                if end not in self._nodes:
                    problems.append(f"edge {edge.source}->{edge.target} names unknown node {end!r}")
            source = self._nodes.get(edge.source)
            if edge.condition is not None and source is not None and source.type is not NodeType.BRANCH:
                problems.append(f"conditional edge from non-branch node {edge.source!r}")
        return problems

    def _shape_problems(self) -> list[str]:
        problems: list[str] = []
        if not self._nodes:
            return ["workflow has no nodes"]
        incoming = {n: [e for e in self._edges if e.target == n] for n in self._nodes}
        outgoing = {n: [e for e in self._edges if e.source == n] for n in self._nodes}
        roots = [n for n, edges in incoming.items() if not edges]
        if not roots:
            problems.append("workflow has no start node")
        if _has_cycle(self._nodes, outgoing):
            problems.append("workflow has a cycle")
        reachable = _reachable(roots, outgoing)
        problems += [f"node {n!r} is unreachable" for n in self._nodes if n not in reachable]
        for node in self._nodes.values():
            if node.type is NodeType.MERGE and len(incoming[node.id]) < 2:
                problems.append(f"merge node {node.id!r} has fewer than two inputs")
            if node.type is NodeType.BRANCH and not any(e.conditional for e in outgoing[node.id]):
                problems.append(f"branch node {node.id!r} has no conditional edge")
            if node.type is NodeType.LLM and node.template_id is None:
                problems.append(f"llm node {node.id!r} has no template")
            if node.type is NodeType.LLM and node.output_schema is None:
                problems.append(f"llm node {node.id!r} has no output schema")
            if node.type is NodeType.HUMAN and node.input_schema is None:
                problems.append(f"human node {node.id!r} has no input schema")
        return problems


def _reachable(roots: list[str], outgoing: dict[str, list[Edge]]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(e.target for e in outgoing[node])
    return seen


def _has_cycle(nodes: dict[str, NodeSpec], outgoing: dict[str, list[Edge]]) -> bool:
    visiting, done = set(), set()

    def visit(node: str) -> bool:
        if node in done:
            return False
        if node in visiting:
            return True
        visiting.add(node)
        if any(visit(e.target) for e in outgoing[node]):
            return True
        visiting.discard(node)
        done.add(node)
        return False

    return any(visit(n) for n in nodes)
