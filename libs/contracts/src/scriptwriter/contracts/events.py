"""The events of an execution's log, exactly as the browser receives them over SSE.

On the bus each event is an `EventEnvelope` on `events.<userId>.<executionId>`; over SSE `event:` is its
`event`, `id:` its stream sequence and `data:` its `data` (which always holds `executionId`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .errors import ErrorInfo


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    executionId: str


class UiHints(BaseModel):
    model_config = ConfigDict(frozen=True)

    component: str
    autoSave: bool = True
    debounceMs: int = 800


class WorkflowNodeStart(_Event):
    event: Literal["workflow_node_start"] = "workflow_node_start"
    nodeId: str
    attempt: int
    transformId: str | None = None


class Reasoning(_Event):
    event: Literal["reasoning"] = "reasoning"
    nodeId: str
    transformId: str
    phase: Literal["start", "end"]


class TransformChunk(_Event):
    event: Literal["transform_chunk"] = "transform_chunk"
    nodeId: str
    transformId: str
    index: int
    delta: str


class UserInputRequired(_Event):
    event: Literal["user_input_required"] = "user_input_required"
    nodeId: str
    initialData: dict[str, Any]
    schema_: dict[str, Any]
    ui: UiHints
    draft: dict[str, Any] | None = None
    """What the writer had saved for this node and not yet submitted (kept across a rerun)."""

    def payload(self) -> dict[str, Any]:
        body = self.model_dump(exclude={"event", "schema_"}, exclude_none=True)
        body["schema"] = self.schema_
        return body


class WorkflowProgress(_Event):
    event: Literal["workflow_progress"] = "workflow_progress"
    nodeId: str
    status: Literal["completed", "skipped", "failed", "cancelled"]
    progress: int
    outputs: dict[str, Any] | None = None
    error: ErrorInfo | None = None


class WorkflowFinished(_Event):
    event: Literal["workflow_completed", "workflow_failed", "workflow_cancelled"]
    status: Literal["completed", "failed", "cancelled"]
    result: dict[str, Any] | None = None
    error: ErrorInfo | None = None


Event = WorkflowNodeStart | Reasoning | TransformChunk | UserInputRequired | WorkflowProgress | WorkflowFinished


def event_payload(event: Event) -> dict[str, Any]:
    """The `data` object of an event: its fields without the type tag, `None` fields left out."""
    if isinstance(event, UserInputRequired):
        return event.payload()
    return event.model_dump(exclude={"event"}, exclude_none=True)


class EventEnvelope(BaseModel):
    """An event as published on the bus."""

    model_config = ConfigDict(frozen=True)

    event: str
    data: dict[str, Any]

    @classmethod
    def of(cls, event: Event) -> EventEnvelope:
        return cls(event=event.event, data=event_payload(event))
