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
    """What a node can see: the execution's initial inputs, the artifacts they name (loaded when the execution
    started, by role) and the outputs of finished nodes."""

    execution_id: str
    inputs: Mapping[str, Any]
    outputs: Mapping[str, Mapping[str, Any]]
    sources: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceSpec:
    """An artifact named by the initial inputs: loaded at start, refused (422 at `path`) when missing."""

    artifact_id: str
    types: tuple[str, ...]
    path: tuple[str, ...]


@dataclass(frozen=True)
class HistorySpec:
    """Earlier artifacts of a series: those of `type` in `scope` whose `data[order_key]` is below `before`."""

    type: str
    scope: str
    order_key: str
    before: int


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
    skip_when: Callable[[NodeContext], bool] = lambda _ctx: False
    """When true, the node is skipped with no model call (e.g. no earlier episode to summarise)."""


@dataclass(frozen=True)
class ComputeNode:
    """Pure work on what the node can see; returns its outputs."""

    run: Callable[[NodeContext], dict[str, Any]]


@dataclass(frozen=True)
class WorkflowProgram:
    definition: WorkflowDefinition
    inputs_schema: type[BaseModel] | None
    human: Mapping[str, HumanNode] = field(default_factory=dict)
    llm: Mapping[str, LlmNode] = field(default_factory=dict)
    compute: Mapping[str, ComputeNode] = field(default_factory=dict)
    sources: Callable[[Mapping[str, Any]], Mapping[str, SourceSpec]] = lambda _inputs: {}
    history: Callable[[Mapping[str, Any]], HistorySpec | None] = lambda _inputs: None
    scope: Callable[[Mapping[str, Any]], str | None] = lambda _inputs: None
    """The series an execution's artifacts belong to (episodes: their outline), for later history queries."""
    result: Callable[[NodeContext], dict[str, Any]] = lambda _ctx: {}
    prefilled: Callable[[Mapping[str, Any]], Mapping[str, Mapping[str, Any]]] = lambda _inputs: {}
    """Human inputs already given with the execution's initial inputs, submitted at start."""


def _load() -> dict[str, WorkflowProgram]:
    from .brainstorming import PROGRAM as BRAINSTORMING
    from .episode import PROGRAM as EPISODE
    from .outline import PROGRAM as OUTLINE

    return {p.definition.id: p for p in (BRAINSTORMING, OUTLINE, EPISODE)}


PROGRAMS: Mapping[str, WorkflowProgram] = _load()
