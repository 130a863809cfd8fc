"""Commands and events between services on the bus (not seen by browsers).

Commands are imperative (`GenerateText`, `CancelTransform`); events are past tense (`NodeFinished`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .errors import ErrorInfo


class ChatMessage(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class GenerateText(BaseModel):
    """An LLM job on `jobs.llm.<templateId>`; `jobId` is its `Nats-Msg-Id`, so a re-dispatch is dropped."""

    model_config = ConfigDict(frozen=True)

    jobId: str
    executionId: str
    userId: str
    nodeId: str
    run: int
    templateId: str
    messages: list[ChatMessage]
    inputs: list[dict[str, str]] = []
    temperature: float = 0.8
    maxAttempts: int = 3


class NodeFinished(BaseModel):
    """A worker's report on `results.<executionId>` that one LLM job ended."""

    model_config = ConfigDict(frozen=True)

    jobId: str
    executionId: str
    userId: str
    nodeId: str
    run: int
    transformId: str
    attempt: int
    status: Literal["completed", "failed", "cancelled"]
    output: dict[str, Any] | None = None
    error: ErrorInfo | None = None


class CancelTransform(BaseModel):
    """Broadcast on `control.cancel`: the worker holding this transform (or job) closes its model stream."""

    model_config = ConfigDict(frozen=True)

    userId: str
    transformId: str | None = None
    executionId: str | None = None
    jobId: str | None = None
