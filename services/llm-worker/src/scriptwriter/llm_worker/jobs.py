"""Runs one delivery of an LLM job: stream, filter reasoning, publish chunks, parse, persist, report."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from scriptwriter.contracts.errors import ErrorInfo
from scriptwriter.contracts.events import EventEnvelope, Reasoning, TransformChunk, WorkflowNodeStart
from scriptwriter.contracts.ids import derived_id
from scriptwriter.contracts.messages import CancelTransform, GenerateText, NodeFinished
from scriptwriter.contracts.model_outputs import TEMPLATE_OUTPUTS
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.store_client import StoreClient

from .errors import InvalidOutputError, JobError, PermanentError, RetryableError
from .parsing import final_value, validate_output
from .partial_json import IncrementalJsonParser
from .ports import ModelProvider, WorkerBus
from .reasoning import Piece, ReasoningFilter
from .spinner import ThinkingSpinner

log = logging.getLogger("scriptwriter.llm_worker")


class Delivery(Protocol):
    job: GenerateText
    attempt: int

    async def ack(self) -> None: ...
    async def nak(self, delay: float) -> None: ...
    async def in_progress(self) -> None: ...


def retry_delay(attempt: int) -> float:
    return float(min(2 ** (attempt - 1), 30))


@dataclass
class _Stream:
    """The state of one transform while it streams."""

    job: GenerateText
    transform_id: str
    chunks: list[dict[str, Any]] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    reasoning_marks: int = 0
    usage: dict[str, Any] | None = None
    finish_reason: str | None = None
    cancelled: bool = False
    parser: IncrementalJsonParser = field(default_factory=IncrementalJsonParser)

    @property
    def text(self) -> str:
        return "".join(c["delta"] for c in self.chunks)


class JobRunner:
    def __init__(self, provider: ModelProvider, bus: WorkerBus, store: StoreClient, heartbeat_s: float) -> None:
        self._provider = provider
        self._bus = bus
        self._store = store
        self._heartbeat_s = heartbeat_s
        self._active: dict[str, tuple[_Stream, asyncio.Task[Any]]] = {}
        self._spinner = ThinkingSpinner(log)

    def cancel(self, command: CancelTransform) -> int:
        hits = 0
        for stream, task in list(self._active.values()):
            if stream.job.userId != command.userId:
                continue
            if (
                command.transformId in (None, stream.transform_id)
                and command.executionId in (None, stream.job.executionId)
                and command.jobId in (None, stream.job.jobId)
            ):
                stream.cancelled = True
                task.cancel()
                hits += 1
        return hits

    async def run(self, delivery: Delivery) -> None:
        job = delivery.job
        stream = _Stream(job, derived_id("tr", job.jobId, delivery.attempt))
        task = asyncio.create_task(self._generate(stream, delivery.attempt))
        self._active[stream.transform_id] = (stream, task)
        heartbeat = asyncio.create_task(self._heartbeat(delivery))
        try:
            output = await task
            await self._persist(stream, delivery.attempt, "completed")
            await self._report(stream, delivery.attempt, "completed", output=output)
            await delivery.ack()
        except asyncio.CancelledError:
            if not stream.cancelled:
                raise  # the worker is stopping: leave the job for redelivery
            await self._persist(stream, delivery.attempt, "cancelled")
            await self._report(stream, delivery.attempt, "cancelled")
            await delivery.ack()
        except JobError as exc:
            await self._persist(stream, delivery.attempt, "failed", exc.info())
            if isinstance(exc, RetryableError) and delivery.attempt < job.maxAttempts:
                log.warning("%s attempt %d failed (%s); retrying", job.jobId, delivery.attempt, exc)
                await delivery.nak(retry_delay(delivery.attempt))
            else:
                await self._report(stream, delivery.attempt, "failed", error=exc.info())
                await delivery.ack()
        finally:
            heartbeat.cancel()
            self._spinner.stop(stream.transform_id)
            self._active.pop(stream.transform_id, None)

    async def _heartbeat(self, delivery: Delivery) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_s)
            with contextlib.suppress(Exception):
                await delivery.in_progress()

    async def _generate(self, stream: _Stream, attempt: int) -> dict[str, Any]:
        job = stream.job
        start = WorkflowNodeStart(
            executionId=job.executionId, nodeId=job.nodeId, attempt=attempt, transformId=stream.transform_id
        )
        await self._bus.publish_event(
            job.userId, job.executionId, EventEnvelope.of(start), f"{stream.transform_id}:start"
        )
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
                "attempt": attempt,
                "createdAt": utc_now(),
            }
        )
        reasoning = ReasoningFilter()
        out_of_band = False
        async for delta in self._provider.stream(job.templateId, job.messages, job.temperature):
            pieces: list[Piece] = []
            if delta.reasoning:
                pieces += reasoning.start_reasoning()
                out_of_band = True
            if delta.content:
                if out_of_band:
                    pieces += reasoning.end_reasoning()
                    out_of_band = False
                stream.raw.append(delta.content)
                pieces += reasoning.feed(delta.content)
            stream.usage = delta.usage or stream.usage
            stream.finish_reason = delta.finish_reason or stream.finish_reason
            await self._emit(stream, pieces)
        await self._emit(stream, reasoning.finish())
        try:
            return validate_output(final_value(stream.parser), TEMPLATE_OUTPUTS.get(job.templateId))
        except InvalidOutputError as exc:
            if stream.finish_reason == "length":
                raise RetryableError("the model's output was cut off (finish_reason: length)") from exc
            raise

    async def _emit(self, stream: _Stream, pieces: list[Piece]) -> None:
        job = stream.job
        for piece in pieces:
            if piece.kind == "text":
                if not piece.text:
                    continue
                index = len(stream.chunks)
                stream.chunks.append({"index": index, "delta": piece.text})
                stream.parser.feed(piece.text)
                event: TransformChunk | Reasoning = TransformChunk(
                    executionId=job.executionId,
                    nodeId=job.nodeId,
                    transformId=stream.transform_id,
                    index=index,
                    delta=piece.text,
                )
                msg_id = f"{stream.transform_id}:{index}"
            else:
                stream.reasoning_marks += 1
                phase = "start" if piece.kind == "reasoning_start" else "end"
                event = Reasoning(
                    executionId=job.executionId,
                    nodeId=job.nodeId,
                    transformId=stream.transform_id,
                    phase=phase,
                )
                msg_id = f"{stream.transform_id}:r{stream.reasoning_marks}"
                if phase == "start":
                    self._spinner.start(stream.transform_id)
                else:
                    self._spinner.stop(stream.transform_id)
            await self._bus.publish_chunk(job.userId, job.executionId, EventEnvelope.of(event), msg_id)

    async def _persist(self, stream: _Stream, attempt: int, status: str, error: ErrorInfo | None = None) -> None:
        with contextlib.suppress(PermanentError):
            await self._store.put_chunks(stream.transform_id, stream.chunks)
        await self._store.put_transform(
            {
                "id": stream.transform_id,
                "status": status,
                "rawResponse": "".join(stream.raw),
                "usage": stream.usage,
                "finishReason": stream.finish_reason,
                "error": error.model_dump() if error else None,
                "completedAt": utc_now(),
            }
        )

    async def _report(
        self,
        stream: _Stream,
        attempt: int,
        status: str,
        output: dict[str, Any] | None = None,
        error: ErrorInfo | None = None,
    ) -> None:
        job = stream.job
        await self._bus.report(
            NodeFinished(
                jobId=job.jobId,
                executionId=job.executionId,
                userId=job.userId,
                nodeId=job.nodeId,
                run=job.run,
                transformId=stream.transform_id,
                attempt=attempt,
                status=status,
                output=output,
                error=error,
            )
        )
