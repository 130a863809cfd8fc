"""One chat completion as an ASGI response: streamed (SSE) or whole, with its fault applied.

The response watches the connection while it runs: when the client goes away it stops at once and records
`clientClosed` with the time it noticed, so tests can tell how quickly a cancel reached the model.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .faults import Fault, FaultKind
from .records import RequestRecord
from .reply import Reply, pieces

SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]
PROMPT_TOKENS = 200


@dataclass(frozen=True)
class Completion:
    """What to answer and how: the shaped reply, the fault, and the request's streaming options."""

    reply: Reply
    fault: Fault | None
    model: str
    created: int
    stream: bool
    include_usage: bool
    chunk_delay_s: float


class _Dropped(Exception):
    """The fault asks for the connection to be cut mid-response."""


class CompletionResponse(Response):
    """`on_open(+1 / -1)` is told when a stream opens and closes."""

    def __init__(self, completion: Completion, record: RequestRecord, on_open: Callable[[int], None]) -> None:
        self.completion = completion
        self.record = record
        self._on_open = on_open
        self._kind = completion.fault.kind if completion.fault else None
        self._id = f"chatcmpl-{record.id}"
        self._request_header = (b"x-demo-request-id", record.id.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.completion.stream:
            self._on_open(1)
        responder = asyncio.ensure_future(self._run(send))
        watcher = asyncio.ensure_future(self._watch(receive))
        try:
            await asyncio.wait((responder, watcher), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (responder, watcher):
                task.cancel()
            await asyncio.gather(responder, watcher, return_exceptions=True)
            self.record.finish(client_closed=True)
            if self.completion.stream:
                self._on_open(-1)
        if not responder.cancelled() and (error := responder.exception()) is not None:
            raise error

    async def _run(self, send: Send) -> None:
        try:
            await self._respond(send)
        except _Dropped:
            # Returning without finishing the body makes the server close the connection abruptly.
            self.record.finish()
        else:
            self.record.finish(completed=True)

    async def _watch(self, receive: Receive) -> None:
        """Returns when the connection ends: the client left, or the response is complete (already recorded)."""
        while (await receive())["type"] != "http.disconnect":
            pass
        self.record.finish(client_closed=True)

    async def _respond(self, send: Send) -> None:
        if self._kind is FaultKind.HANG and self.completion.fault:
            await asyncio.sleep(self.completion.fault.delay)
        if self.completion.stream:
            await self._stream(send)
        else:
            await self._whole(send)

    async def _start(self, send: Send, headers: list[tuple[bytes, bytes]]) -> None:
        self.record.status = 200
        await send({"type": "http.response.start", "status": 200, "headers": [*headers, self._request_header]})

    async def _stream(self, send: Send) -> None:
        completion, fault = self.completion, self.completion.fault
        await self._start(send, SSE_HEADERS)
        await self._event(send, self._chunk({"role": "assistant", "content": ""}))
        rng = random.Random(len(completion.reply.content))
        deltas = [{"content": "", "reasoning_content": p} for p in pieces(completion.reply.reasoning, rng)]
        deltas += [{"content": p} for p in pieces(completion.reply.content, rng)]
        delay = fault.delay if fault and self._kind is FaultKind.SLOW else completion.chunk_delay_s
        cut_after = fault.after_chunks if fault and self._kind in (FaultKind.DROP, FaultKind.TRUNCATE) else None
        finish_reason = "stop"
        for delta in deltas:
            if cut_after is not None and self.record.chunks_sent >= cut_after:
                if self._kind is FaultKind.DROP:
                    raise _Dropped
                finish_reason = "length"
                break
            if self._kind is FaultKind.EMPTY_CHOICES and self.record.chunks_sent % 2 == 0:
                await self._event(send, {**self._chunk({}), "choices": []})
            await self._event(send, self._chunk(delta))
            self.record.chunks_sent += 1
            if delay:
                await asyncio.sleep(delay)
        if self._kind is FaultKind.DROP:
            raise _Dropped
        await self._event(send, self._chunk({}, finish_reason))
        if completion.include_usage and self._kind is not FaultKind.NO_USAGE:
            await self._event(send, {**self._chunk({}), "choices": [], "usage": self._usage()})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n", "more_body": False})

    async def _whole(self, send: Send) -> None:
        reply, fault = self.completion.reply, self.completion.fault
        content, finish_reason = reply.content, "stop"
        if fault and self._kind is FaultKind.TRUNCATE:
            kept = pieces(content, random.Random(len(content)))[: fault.after_chunks]
            content, finish_reason = "".join(kept), "length"
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        body: dict[str, Any] = {
            "id": self._id,
            "object": "chat.completion",
            "created": self.completion.created,
            "model": self.completion.model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        }
        if self._kind is not FaultKind.NO_USAGE:
            body["usage"] = self._usage()
        payload = json.dumps(body, ensure_ascii=False).encode()
        length = str(len(payload)).encode()
        await self._start(send, [(b"content-type", b"application/json"), (b"content-length", length)])
        if self._kind is FaultKind.DROP:
            await send({"type": "http.response.body", "body": payload[: len(payload) // 2], "more_body": True})
            raise _Dropped
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    async def _event(self, send: Send, payload: dict[str, Any]) -> None:
        data = f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()
        await send({"type": "http.response.body", "body": data, "more_body": True})

    def _chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        return {
            "id": self._id,
            "object": "chat.completion.chunk",
            "created": self.completion.created,
            "model": self.completion.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }

    def _usage(self) -> dict[str, int]:
        completion_tokens = len(self.completion.reply.content) + len(self.completion.reply.reasoning)
        return {
            "prompt_tokens": PROMPT_TOKENS,
            "completion_tokens": completion_tokens,
            "total_tokens": PROMPT_TOKENS + completion_tokens,
        }
