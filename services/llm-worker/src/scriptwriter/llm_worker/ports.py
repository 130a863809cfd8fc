"""What the worker needs: a streaming model provider and a bus to report on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import ChatMessage, NodeFinished


@dataclass(frozen=True)
class ModelDelta:
    content: str = ""
    reasoning: str = ""
    usage: dict[str, Any] | None = None
    finish_reason: str | None = None


class ModelProvider(Protocol):
    model: str

    def stream(self, template_id: str, messages: list[ChatMessage], temperature: float) -> AsyncIterator[ModelDelta]:
        """Stream the model's answer; raises `RetryableError` or `PermanentError`. Closing it aborts the request."""
        ...


class WorkerBus(Protocol):
    def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> Any:
        """Fire-and-forget publish (no per-token round trip); ordering is kept by the connection."""

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None: ...

    async def report(self, result: NodeFinished) -> None:
        """Durably report the end of a job to the orchestrator (after all chunks)."""
