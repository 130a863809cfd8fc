"""A transform's visible text as `transform_chunk` events with indexes 0, 1, 2 … and no gap, tokens coalesced.

A token that comes after a quiet moment (at least the window since the last chunk) is published at once, so a
model that streams slowly is never held back. Tokens that come faster than that wait, the window at most, and leave
together in the next chunk: however fast the model, one stream makes at most one chunk per window, which keeps the
per-event cost of the bus, the gateway and the browser bounded; the window widens while the worker runs many
streams at once (see `window`). Reasoning marks flush the text before them, so the order of the events is the order
of the model's output.

This runs once per token, so the envelopes are built without validation: their `data` is exactly what
`EventEnvelope.of(TransformChunk(...))` (or `Reasoning`) makes, which the tests check.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Literal

from scriptwriter.contracts.events import EventEnvelope, Reasoning
from scriptwriter.contracts.messages import GenerateText

from .ports import WorkerBus
from .window import CoalescingWindow


class ChunkPublisher:
    def __init__(
        self,
        bus: WorkerBus,
        job: GenerateText,
        transform_id: str,
        window: float | CoalescingWindow,
        on_published: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.chunks: list[dict[str, Any]] = []
        """Every published chunk, `{"index", "delta"}`: what the browser saw, and what is stored."""
        self._bus = bus
        self._job = job
        self._transform_id = transform_id
        self._window = window if isinstance(window, CoalescingWindow) else CoalescingWindow(window)
        self._on_published = on_published
        self._pending: list[str] = []
        self._last_flush = float("-inf")
        self._timer: asyncio.TimerHandle | None = None
        self._reasoning_marks = 0
        self._loop = asyncio.get_running_loop()

    @property
    def text(self) -> str:
        return "".join(c["delta"] for c in self.chunks)

    def add(self, text: str) -> None:
        if not text:
            return
        self._pending.append(text)
        wait = self._last_flush + self._window.seconds - self._loop.time()
        if wait <= 0:
            self.flush()
        elif self._timer is None:
            self._timer = self._loop.call_later(wait, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            return
        delta = "".join(self._pending)
        self._pending.clear()
        self._last_flush = self._loop.time()
        index = len(self.chunks)
        self.chunks.append({"index": index, "delta": delta})
        self._on_published(delta)
        job = self._job
        data = {
            "executionId": job.executionId,
            "nodeId": job.nodeId,
            "transformId": self._transform_id,
            "index": index,
            "delta": delta,
        }
        chunk = EventEnvelope.model_construct(event="transform_chunk", data=data)
        self._bus.publish_chunk(job.userId, job.executionId, chunk, f"{self._transform_id}:{index}")

    def reasoning(self, phase: Literal["start", "end"]) -> None:
        self.flush()
        self._reasoning_marks += 1
        job = self._job
        mark = Reasoning(executionId=job.executionId, nodeId=job.nodeId, transformId=self._transform_id, phase=phase)
        msg_id = f"{self._transform_id}:r{self._reasoning_marks}"
        self._bus.publish_chunk(job.userId, job.executionId, EventEnvelope.of(mark), msg_id)

    def discard(self) -> None:
        """Drop what has not been published (the stream was cancelled: nothing may follow)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._pending.clear()
