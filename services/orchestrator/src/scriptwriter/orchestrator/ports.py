"""What the orchestrator needs from the outside world."""

from __future__ import annotations

from typing import Protocol

from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import CancelTransform, GenerateText


class OrchestratorBus(Protocol):
    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        """Append to the execution's event log; a repeated `msg_id` is dropped as a duplicate."""

    async def dispatch_job(self, job: GenerateText) -> None:
        """Queue an LLM job; a repeated `jobId` is dropped as a duplicate."""

    async def broadcast_cancel(self, command: CancelTransform, streams: int) -> None:
        """Tell every worker; return once the workers holding `streams` running streams confirmed they stopped and
        their chunks are on the bus, or after a short wait (a stream whose worker died confirms nothing)."""
