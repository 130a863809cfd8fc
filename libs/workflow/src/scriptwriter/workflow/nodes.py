"""Node specifications: the five node types with their UI and execution hints."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel


class NodeType(StrEnum):
    LLM = "llm"
    HUMAN = "human"
    COMPUTE = "compute"
    BRANCH = "branch"
    MERGE = "merge"


@dataclass(frozen=True)
class UiSpec:
    """How the UI shows a node: which component, whether it is hidden, whether its output is editable."""

    component: str = ""
    hidden: bool = False
    editable: bool = False


@dataclass(frozen=True)
class ExecutionSpec:
    """Execution hints: lazy nodes run only when needed, parallel ones beside their siblings."""

    lazy: bool = False
    parallel: bool = False
    retryable: bool = True
    max_attempts: int = 3


@dataclass(frozen=True)
class NodeSpec:
    id: str
    type: NodeType
    description: str = ""
    template_id: str | None = None
    input_schema: builtins.type[BaseModel] | None = None
    output_schema: builtins.type[BaseModel] | None = None
    ui: UiSpec = field(default_factory=UiSpec)
    execution: ExecutionSpec = field(default_factory=ExecutionSpec)
