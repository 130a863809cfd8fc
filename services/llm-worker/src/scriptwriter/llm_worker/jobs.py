"""Runs one delivery of an LLM job: check it is still wanted, stream it, record it, report it, settle it.

Each delivery is a new attempt and a new transform (`derived_id("tr", jobId, attempt)`). Its end is settled once:

- completed → transform stored, result reported, delivery acked;
- cancelled (a `control.cancel` naming it) → the model stream is closed at once, the partial text that was
  published is stored, `cancelled` is reported; nothing is published after it;
- a retryable failure with attempts left → transform stored as failed, the delivery nak'ed with backoff;
- otherwise → transform stored as failed, the node's failure `{code, message, retryable}` reported.

A job whose node is no longer waiting for it (the execution was cancelled or the node rerun while the job sat in
the queue or between attempts) is acked without calling the model: the orchestrator would ignore its result. A
worker killed mid-stream leaves its transform `streaming`; the next attempt marks it failed (`worker_lost`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from typing import Any, Literal

from scriptwriter.contracts.errors import ErrorInfo
from scriptwriter.contracts.ids import derived_id
from scriptwriter.contracts.messages import CancelTransform, GenerateText, NodeFinished
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.rpc import NotFoundError

from .errors import JobError, PermanentError, RetryableError, WorkerFaultError
from .partial_json import IncrementalJsonParser
from .ports import Delivery, ModelProvider, WorkerBus, WorkerStore
from .publisher import ChunkPublisher
from .retry import RetryPolicy
from .spinner import ThinkingSpinner
from .streaming import Generator, TransformStream
from .window import CoalescingWindow

log = logging.getLogger("scriptwriter.llm_worker")

Outcome = Literal["completed", "failed", "cancelled"]
WORKER_LOST = ErrorInfo(code="worker_lost", message="the worker streaming this attempt stopped", retryable=True)


class _NotWanted(Exception):
    """The orchestrator no longer waits for this job: its execution was cancelled or the node was rerun."""


class JobRunner:
    def __init__(
        self,
        provider: ModelProvider,
        bus: WorkerBus,
        store: WorkerStore,
        heartbeat_s: float,
        retry: RetryPolicy | None = None,
        window: float | CoalescingWindow = 0.003,
        worker: str = "llm-worker",
    ) -> None:
        self._bus = bus
        self._store = store
        self._heartbeat_s = heartbeat_s
        self._retry = retry or RetryPolicy()
        self._window = window if isinstance(window, CoalescingWindow) else CoalescingWindow(window)
        self._spinner = ThinkingSpinner(log)
        self._generator = Generator(provider, bus, store, self._spinner, worker)
        self._active: dict[str, TransformStream] = {}

    @property
    def active(self) -> int:
        return len(self._active)

    def cancel(self, command: CancelTransform) -> int:
        """Cancel every stream the command names; returns how many. Runs in the cancel subscription's callback,
        so the model request is aborted without waiting for anything."""
        hits = 0
        for stream in list(self._active.values()):
            job = stream.job
            if (
                job.userId == command.userId
                and command.transformId in (None, stream.transform_id)
                and command.executionId in (None, job.executionId)
                and command.jobId in (None, job.jobId)
                and not stream.cancelled
            ):
                stream.cancelled = True
                stream.publisher.discard()
                if stream.task is not None:
                    stream.task.cancel()
                hits += 1
        return hits

    async def run(self, delivery: Delivery) -> None:
        job = delivery.job
        transform_id = derived_id("tr", job.jobId, delivery.attempt)
        parser = IncrementalJsonParser()
        publisher = ChunkPublisher(self._bus, job, transform_id, self._window, parser.feed)
        stream = TransformStream(job, transform_id, delivery.attempt, parser, publisher)
        self._active[transform_id] = stream
        self._window.streams(len(self._active))
        heartbeat = asyncio.create_task(self._heartbeat(delivery))
        try:
            await self._attempt(stream, delivery)
        finally:
            heartbeat.cancel()
            publisher.discard()  # a worker stopping mid-stream leaves no timer to publish after it
            self._spinner.stop(transform_id)
            self._active.pop(transform_id, None)
            self._window.streams(len(self._active))

    async def _attempt(self, stream: TransformStream, delivery: Delivery) -> None:
        job = delivery.job
        error: JobError | None = None
        try:
            if delivery.attempt > 1:
                await self._close_lost_attempts(job, before=delivery.attempt)
            stream.task = asyncio.create_task(self._stream(stream))
            if stream.cancelled:  # a cancel came while earlier attempts were being closed
                stream.task.cancel()
            output = await stream.task
        except _NotWanted:
            log.info("%s is no longer wanted; skipped", job.jobId)
            await self._record(stream, "cancelled")
            await delivery.ack()
            return
        except asyncio.CancelledError:
            if not stream.cancelled:
                raise  # the worker is stopping: the job is redelivered to another worker
            await self._settle(stream, "cancelled")
            await delivery.ack()
            log.info("%s cancelled after %d chunks", stream.transform_id, len(stream.chunks))
            return
        except JobError as exc:
            error = exc
        except Exception as exc:
            log.exception("%s failed unexpectedly", stream.transform_id)
            error = WorkerFaultError(f"the worker failed: {type(exc).__name__}")
        if error is not None:
            await self._failed(stream, delivery, error)
            return
        await self._settle(stream, "completed", output=output)
        await delivery.ack()

    async def _stream(self, stream: TransformStream) -> dict[str, Any]:
        # Whether the node still waits is asked while the transform is recorded, so it costs no time.
        wanted, _ = await asyncio.gather(self._still_wanted(stream.job), self._generator.record(stream))
        if not wanted:
            raise _NotWanted
        return await self._generator.generate(stream)

    async def _failed(self, stream: TransformStream, delivery: Delivery, error: JobError) -> None:
        job = delivery.job
        stream.publisher.flush()
        await self._record(stream, "failed", error.info())
        if isinstance(error, RetryableError) and self._retry.should_retry(
            error, delivery.attempt, job.maxAttempts, delivery.final
        ):
            delay = self._retry.delay_s(delivery.attempt, error)
            log.warning("%s attempt %d failed (%s); retrying in %.1f s", job.jobId, delivery.attempt, error, delay)
            await delivery.nak(delay)
            return
        log.warning("%s attempt %d failed for good: %s", job.jobId, delivery.attempt, error)
        await self._report(stream, "failed", error=error.info())
        if isinstance(error, PermanentError):
            await delivery.term()
        else:
            await delivery.ack()

    async def _settle(self, stream: TransformStream, status: Outcome, output: dict[str, Any] | None = None) -> None:
        await self._record(stream, status)
        await self._report(stream, status, output=output)

    async def _record(self, stream: TransformStream, status: Outcome, error: ErrorInfo | None = None) -> None:
        """Store the transform's end; a store that cannot be reached must not keep the result from the node."""
        if not stream.stored:
            return
        try:
            if stream.chunks:
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
        except Exception:
            log.exception("could not store the end of %s", stream.transform_id)

    async def _report(
        self,
        stream: TransformStream,
        status: Outcome,
        output: dict[str, Any] | None = None,
        error: ErrorInfo | None = None,
    ) -> None:
        await self._bus.report(finished(stream.job, stream.attempt, status, output, error))

    async def abandon(self, job: GenerateText, deliveries: int) -> None:
        """The queue gave up on a job after `deliveries` deliveries, every one lost with its worker: fail the node
        (retryable) rather than leave it running forever."""
        if not await self._still_wanted(job):
            return
        await self._close_lost_attempts(job, before=deliveries + 1)
        error = ErrorInfo(
            code=WORKER_LOST.code,
            message=f"every worker streaming this node stopped ({deliveries} attempts)",
            retryable=True,
        )
        log.warning("%s abandoned after %d deliveries", job.jobId, deliveries)
        await self._bus.report(finished(job, deliveries, "failed", error=error))

    async def _still_wanted(self, job: GenerateText) -> bool:
        """Whether the orchestrator still waits for this job: its execution is live and the node runs this run."""
        try:
            execution = await self._store.get_execution(job.executionId, job.userId)
        except NotFoundError:
            return False
        node = (execution.get("nodes") or {}).get(job.nodeId) or {}
        return bool(
            execution.get("status") in ("running", "paused")
            and node.get("status") == "running"
            and node.get("run") == job.run
        )

    async def _close_lost_attempts(self, job: GenerateText, before: int) -> None:
        """Earlier attempts still marked `streaming` lost their worker: mark them failed."""

        async def close(attempt: int) -> None:
            transform_id = derived_id("tr", job.jobId, attempt)
            with contextlib.suppress(NotFoundError):
                earlier = await self._store.get_transform(transform_id, job.userId)
                if earlier.get("status") == "streaming":
                    await self._store.put_transform(
                        {
                            "id": transform_id,
                            "status": "failed",
                            "error": WORKER_LOST.model_dump(),
                            "completedAt": utc_now(),
                        }
                    )

        await asyncio.gather(*(close(a) for a in range(1, before)))

    async def _heartbeat(self, delivery: Delivery) -> None:
        # A little jitter keeps the heartbeats of many streams from arriving together.
        await asyncio.sleep(self._heartbeat_s * random.random())
        while True:
            with contextlib.suppress(Exception):
                await delivery.in_progress()
            await asyncio.sleep(self._heartbeat_s)


def finished(
    job: GenerateText,
    attempt: int,
    status: Outcome,
    output: dict[str, Any] | None = None,
    error: ErrorInfo | None = None,
) -> NodeFinished:
    return NodeFinished(
        jobId=job.jobId,
        executionId=job.executionId,
        userId=job.userId,
        nodeId=job.nodeId,
        run=job.run,
        transformId=derived_id("tr", job.jobId, attempt),
        attempt=attempt,
        status=status,
        output=output,
        error=error,
    )
