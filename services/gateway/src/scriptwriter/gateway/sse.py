"""Server-sent events on the wire: frames encoded once, a lean ASGI response with pings, a send timeout and
prompt release of everything when the client goes away."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from scriptwriter.servicekit.codec import encode

log = logging.getLogger("scriptwriter.gateway.sse")
PING = b": ping\n\n"
MAX_BATCH_BYTES = 256 * 1024


def sse_frame(seq: int, event: str, data: dict[str, Any]) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, event.encode(), encode(data))


class SseResponse(Response):
    """Streams pre-encoded frames. Frames that are ready together go out in one write; a comment ping goes out
    whenever nothing was sent for `ping_interval_s`; a client that stops reading for `send_timeout_s` is dropped.
    When any part ends (the frames, the client, the timeout) every task of the connection is cancelled."""

    media_type = "text/event-stream"

    def __init__(self, frames: AsyncIterator[bytes], ping_interval_s: float = 15.0, send_timeout_s: float = 30.0):
        super().__init__(media_type=self.media_type)
        self._frames = frames
        self._ping_interval_s = ping_interval_s
        self._send_timeout_s = send_timeout_s
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._last_write = time.monotonic()
        self._sending_since = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"x-accel-buffering", b"no"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        tasks = [
            asyncio.create_task(self._produce()),
            asyncio.create_task(self._write(send)),
            asyncio.create_task(self._until_disconnect(receive)),
            asyncio.create_task(self._keep_alive()),
        ]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            with contextlib.suppress(Exception):
                await self._frames.aclose()  # type: ignore[attr-defined]

    async def _produce(self) -> None:
        try:
            async for frame in self._frames:
                self._queue.put_nowait(frame)
        except Exception as exc:  # the stream ends; the browser reconnects with Last-Event-ID
            log.warning("event stream ended early: %s: %s", type(exc).__name__, exc)
        self._queue.put_nowait(None)
        await asyncio.Event().wait()  # the writer ends the connection once the queue is drained

    async def _write(self, send: Send) -> None:
        queue = self._queue
        while True:
            first = await queue.get()
            if first is None:
                break
            batch, size = [first], len(first)
            while not queue.empty() and size < MAX_BATCH_BYTES:
                more = queue.get_nowait()
                if more is None:
                    queue.put_nowait(None)
                    break
                batch.append(more)
                size += len(more)
            self._sending_since = time.monotonic()
            await send({"type": "http.response.body", "body": b"".join(batch), "more_body": True})
            self._last_write = time.monotonic()
            self._sending_since = 0.0
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _keep_alive(self) -> None:
        """Pings while idle; ends (closing the connection) when one send has been stuck past the timeout."""
        tick = min(1.0, self._ping_interval_s / 2, self._send_timeout_s / 2)
        while True:
            await asyncio.sleep(tick)
            now = time.monotonic()
            if self._sending_since and now - self._sending_since > self._send_timeout_s:
                return
            if not self._sending_since and now - self._last_write >= self._ping_interval_s and self._queue.empty():
                self._last_write = now
                self._queue.put_nowait(PING)

    async def _until_disconnect(self, receive: Receive) -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
