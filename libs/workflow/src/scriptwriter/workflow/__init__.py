"""The workflow engine's pure core: node specs, the builder, immutable definitions and the planner.

No I/O here: the orchestrator feeds the planner the persisted state and acts on its answers.
"""

from .builder import WorkflowBuilder, WorkflowDefinitionError
from .definition import Edge, WorkflowDefinition
from .mermaid import to_mermaid
from .nodes import ExecutionSpec, NodeSpec, NodeType, UiSpec
from .planner import Plan, plan, progress

__all__ = [
    "Edge",
    "ExecutionSpec",
    "NodeSpec",
    "NodeType",
    "Plan",
    "UiSpec",
    "WorkflowBuilder",
    "WorkflowDefinition",
    "WorkflowDefinitionError",
    "plan",
    "progress",
    "to_mermaid",
]
