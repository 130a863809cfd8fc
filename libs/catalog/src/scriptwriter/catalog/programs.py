"""What the orchestrator does at each node of each workflow, as pure functions over the node context."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.workflow import WorkflowDefinition


@dataclass(frozen=True)
class NodeContext:
    """What a node can see: the execution's initial inputs and the outputs of finished nodes."""

    execution_id: str
    inputs: Mapping[str, Any]
    outputs: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class NewArtifact:
    """An artifact a node wants written; the orchestrator gives it a deterministic id."""

    type: str
    data: Mapping[str, Any]
    role: str = "output"


@dataclass(frozen=True)
class Submission:
    """The outcome of a human submit: artifacts to write (through one human transform) and node outputs.

    `outputs` may name written artifacts as `{"$artifact": i}`; the orchestrator swaps in their ids.
    """

    outputs: Mapping[str, Any]
    artifacts: tuple[NewArtifact, ...] = ()
    transform_inputs: tuple[tuple[str, str], ...] = ()
    action: str = "submit"
    modifications: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class HumanNode:
    schema: type[BaseModel]
    component: str
    initial_data: Callable[[NodeContext], dict[str, Any]]
    submit: Callable[[NodeContext, BaseModel], Submission]
    debounce_ms: int = 800


@dataclass(frozen=True)
class LlmNode:
    template_id: str
    messages: Callable[[NodeContext], list[ChatMessage]]
    inputs: Callable[[NodeContext], list[tuple[str, str]]]
    artifacts: Callable[[NodeContext, Mapping[str, Any]], list[NewArtifact]]
    outputs: Callable[[NodeContext, Mapping[str, Any], list[str]], dict[str, Any]]


@dataclass(frozen=True)
class WorkflowProgram:
    definition: WorkflowDefinition
    inputs_schema: type[BaseModel] | None
    human: Mapping[str, HumanNode] = field(default_factory=dict)
    llm: Mapping[str, LlmNode] = field(default_factory=dict)
    result: Callable[[NodeContext], dict[str, Any]] = lambda _ctx: {}
    prefilled: Callable[[Mapping[str, Any]], Mapping[str, Mapping[str, Any]]] = lambda _inputs: {}
    """Human inputs already given with the execution's initial inputs, submitted at start."""


def _load() -> dict[str, WorkflowProgram]:
    from .brainstorming import PROGRAM as BRAINSTORMING

    return {p.definition.id: p for p in (BRAINSTORMING,)}


PROGRAMS: Mapping[str, WorkflowProgram] = _load()
