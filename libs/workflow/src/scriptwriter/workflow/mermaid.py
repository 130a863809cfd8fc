"""A Mermaid flowchart of a definition, for the UI's graph view."""

from __future__ import annotations

from .definition import WorkflowDefinition
from .nodes import NodeType

_SHAPES: dict[NodeType, tuple[str, str]] = {
    NodeType.LLM: ("[[", "]]"),
    NodeType.HUMAN: ("[/", "/]"),
    NodeType.COMPUTE: ("[", "]"),
    NodeType.BRANCH: ("{", "}"),
    NodeType.MERGE: ("((", "))"),
}


def to_mermaid(definition: WorkflowDefinition) -> str:
    lines = ["flowchart TD"]
    for node in definition.nodes.values():
        left, right = _SHAPES[node.type]
        hints = [h for h, on in (("lazy", node.execution.lazy), ("hidden", node.ui.hidden)) if on]
        label = f"{node.id}<br/>{node.type.value}" + (f" ({', '.join(hints)})" if hints else "")
        lines.append(f'    {node.id}{left}"{label}"{right}')
    for edge in definition.edges:
        arrow = "-. condition .->" if edge.conditional else "-->"
        lines.append(f"    {edge.source} {arrow} {edge.target}")
    return "\n".join(lines)
