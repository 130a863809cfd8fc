"""One attempt of an LLM job as it streams: the transform record, the model's deltas turned into events, and the
final value.

The transform is recorded before `workflow_node_start` is published, so a client that sees the start can cancel it
at once. A stream cut off by `finish_reason: length` (or ending with no finish reason at all) is accepted only if
its JSON document was already complete; a document that needs repairing to close is a retryable
`llm_output_truncated`, never a silently shortened result (a brainstorm of two ideas where three were asked, the
last one cut mid-sentence). Malformed but complete output is repaired, and fails for good if still invalid.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from scriptwriter.contracts.events import EventEnvelope, WorkflowNodeStart
from scriptwriter.contracts.messages import GenerateText
from scriptwriter.contracts.model_outputs import TEMPLATE_OUTPUTS
from scriptwriter.servicekit.clock import utc_now

from .errors import TruncatedOutputError
from .parsing import final_value, validate_output
from .partial_json import IncrementalJsonParser
from .ports import ModelProvider, WorkerBus, WorkerStore
from .publisher import ChunkPublisher
from .reasoning import Piece, ReasoningFilter
from .spinner import ThinkingSpinner

CUT_OFF = ("length", None)
HOLD_S = 0.005
"""How long one stream may keep the event loop before it lets the others run."""


@dataclass
class TransformStream:
    """The state of one transform while it streams."""

    job: GenerateText
    transform_id: str
    attempt: int
    parser: IncrementalJsonParser
    publisher: ChunkPublisher
    raw: list[str] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    finish_reason: str | None = None
    stored: bool = False
    """The transform record exists in the store (so its end can be recorded)."""
    cancelled: bool = False
    task: asyncio.Task[dict[str, Any]] | None = None

    @property
    def chunks(self) -> list[dict[str, Any]]:
        return self.publisher.chunks


class Generator:
    """Streams one attempt: stores the transform, announces it, publishes what the model makes visible."""

    def __init__(
        self, provider: ModelProvider, bus: WorkerBus, store: WorkerStore, spinner: ThinkingSpinner, worker: str
    ) -> None:
        self._provider = provider
        self._bus = bus
        self._store = store
        self._spinner = spinner
        self._worker = worker

    async def record(self, stream: TransformStream) -> None:
        """Store the transform as `streaming`, before anything about it is published."""
        job = stream.job
        await self._store.put_transform(
            {
                "id": stream.transform_id,
                "type": "llm",
                "status": "streaming",
                "userId": job.userId,
                "executionId": job.executionId,
                "nodeId": job.nodeId,
                "jobId": job.jobId,
                "templateId": job.templateId,
                "inputs": job.inputs,
                "inputIds": [i["artifactId"] for i in job.inputs],
                "outputs": [],
                "outputIds": [],
                "prompt": [m.model_dump() for m in job.messages],
                "model": self._provider.model,
                "parameters": {"temperature": job.temperature},
                "attempt": stream.attempt,
                "worker": self._worker,
                "createdAt": utc_now(),
            }
        )
        stream.stored = True

    async def generate(self, stream: TransformStream) -> dict[str, Any]:
        """Announce the attempt, stream the model's answer as events, and return its validated value."""
        job = stream.job
        start = WorkflowNodeStart(
            executionId=job.executionId, nodeId=job.nodeId, attempt=stream.attempt, transformId=stream.transform_id
        )
        await self._bus.publish_event(
            job.userId, job.executionId, EventEnvelope.of(start), f"{stream.transform_id}:start"
        )
        reasoning = ReasoningFilter()
        out_of_band = False
        loop = asyncio.get_running_loop()
        held_since = last = loop.time()
        async for delta in self._provider.stream(job.templateId, job.messages, job.temperature):
            now = loop.time()
            if now - last > HOLD_S:
                held_since = now  # it waited for the model, and the loop ran the others meanwhile
            elif now - held_since > HOLD_S:
                # A fast model fills the socket with hundreds of deltas that are all read without waiting; hand
                # the loop to the other streams and to the heartbeats that keep this job's delivery alive.
                await asyncio.sleep(0)
                held_since = now = loop.time()
            last = now
            if delta.reasoning and not out_of_band:
                out_of_band = True
                self._emit(stream, reasoning.start_reasoning())
            if delta.content:
                if out_of_band:
                    out_of_band = False
                    self._emit(stream, reasoning.end_reasoning())
                stream.raw.append(delta.content)
                self._emit(stream, reasoning.feed(delta.content))
            if delta.usage:
                stream.usage = delta.usage
            if delta.finish_reason:
                stream.finish_reason = delta.finish_reason
        self._emit(stream, reasoning.finish())
        stream.publisher.flush()
        return self._output(stream)

    def _emit(self, stream: TransformStream, pieces: list[Piece]) -> None:
        for piece in pieces:
            if piece.kind == "text":
                stream.publisher.add(piece.text)
            elif piece.kind == "reasoning_start":
                stream.publisher.reasoning("start")
                self._spinner.start(stream.transform_id)
            else:
                stream.publisher.reasoning("end")
                self._spinner.stop(stream.transform_id)

    def _output(self, stream: TransformStream) -> dict[str, Any]:
        if stream.finish_reason in CUT_OFF and not stream.parser.complete:
            reason = stream.finish_reason or "no finish reason"
            raise TruncatedOutputError(f"the model's output was cut off ({reason}) before its JSON was complete")
        return validate_output(final_value(stream.parser), TEMPLATE_OUTPUTS.get(stream.job.templateId))
