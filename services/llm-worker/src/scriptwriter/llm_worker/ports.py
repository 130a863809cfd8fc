"""What the worker needs: a streaming model provider, a bus to publish and report on, a store for transforms, and
the delivery of a job it is running."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import ChatMessage, GenerateText, NodeFinished


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
    def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        """Queue a fire-and-forget publish (no round trip); chunks leave in the order they were queued."""

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        """Publish and wait for the event log to confirm it."""

    async def report(self, result: NodeFinished) -> None:
        """Durably report the end of a job to the orchestrator, after every chunk queued before it."""


class WorkerStore(Protocol):
    """What the worker reads and writes in the artifact-store (`StoreClient` is the real one). Reads raise
    `NotFoundError` (of `servicekit.rpc`) when there is nothing."""

    async def get_execution(self, execution_id: str, user_id: str | None = None) -> dict[str, Any]: ...

    async def put_transform(self, transform: dict[str, Any]) -> None: ...

    async def get_transform(self, transform_id: str, user_id: str) -> dict[str, Any]: ...

    async def put_chunks(self, transform_id: str, chunks: list[dict[str, Any]]) -> None: ...


class Delivery(Protocol):
    """One delivery of a job from the work queue; `attempt` is its delivery count."""

    job: GenerateText
    attempt: int

    @property
    def final(self) -> bool:
        """No further delivery will be made, whatever happens: a failure must be reported now."""
        ...

    async def ack(self) -> None: ...
    async def nak(self, delay: float) -> None: ...
    async def term(self) -> None: ...
    async def in_progress(self) -> None: ...
