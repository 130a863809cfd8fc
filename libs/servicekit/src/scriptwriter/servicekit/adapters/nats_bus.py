"""The NATS side of every service: connect with backoff, declare streams, serve and call RPCs."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import MaxPayloadError, NoRespondersError, TimeoutError
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

from scriptwriter.contracts import subjects

from ..codec import decode, encode
from ..rpc import Handler, Payload, RpcError, ServiceUnavailableError, raise_for_error

log = logging.getLogger("scriptwriter.bus")


async def connect(url: str, name: str, timeout_s: float = 120.0) -> Client:
    """Connect, retrying with backoff until the server is up or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    delay = 0.1
    while True:
        try:
            return await nats.connect(
                url,
                name=name,
                connect_timeout=2,
                max_reconnect_attempts=-1,
                reconnect_time_wait=0.5,
                allow_reconnect=True,
            )
        except Exception as exc:  # any failure to reach the server is retried alike
            if time.monotonic() > deadline:
                raise
            log.info("waiting for NATS at %s (%s); retrying in %.1fs", url, type(exc).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 3.0)


EVENT_CONSUMERS_LIMIT = 1_000_000

STREAMS: tuple[StreamConfig, ...] = (
    StreamConfig(
        name=subjects.EVENTS_STREAM,
        subjects=[subjects.EVENTS_SUBJECTS],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        duplicate_window=120.0,
        max_msg_size=1024 * 1024,
        # Every SSE connection reads through a short-lived ordered consumer; nats-server 2.15 otherwise caps a
        # stream at 1,000 consumers (and treats -1 as that default), so the limit is set explicitly.
        max_consumers=EVENT_CONSUMERS_LIMIT,
    ),
    StreamConfig(
        name=subjects.JOBS_STREAM,
        subjects=[subjects.JOBS_SUBJECTS],
        retention=RetentionPolicy.WORK_QUEUE,
        storage=StorageType.FILE,
        duplicate_window=600.0,
        discard=DiscardPolicy.OLD,
    ),
    StreamConfig(
        name=subjects.RESULTS_STREAM,
        subjects=[subjects.RESULTS_SUBJECTS],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        duplicate_window=600.0,
        max_age=7 * 24 * 3600.0,
    ),
)


async def ensure_streams(js: JetStreamContext) -> None:
    """Create the streams if missing; every service calls this so start order does not matter."""
    for config in STREAMS:
        try:
            await js.add_stream(config)
        except BadRequestError:
            await js.update_stream(config)


class RpcServer:
    """Serves `<prefix>.<operation>` on a queue group, so several instances share the load."""

    def __init__(self, nc: Client, prefix: str, handlers: Mapping[str, Handler], queue: str) -> None:
        self._nc = nc
        self._prefix = prefix
        self._handlers = dict(handlers)
        self._queue = queue
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        await self._nc.subscribe(f"{self._prefix}.>", queue=self._queue, cb=self._on_message)

    async def _on_message(self, msg: Msg) -> None:
        task = asyncio.create_task(self._answer(msg))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, msg: Msg) -> None:
        operation = msg.subject[len(self._prefix) + 1 :]
        handler = self._handlers.get(operation)
        try:
            if handler is None:
                raise RpcError(f"unknown operation {operation}", code="unknown_operation")
            reply = await handler(decode(msg.data))
        except RpcError as exc:
            reply = exc.to_payload()
        except Exception:
            log.exception("rpc %s failed", msg.subject)
            reply = RpcError("internal error").to_payload()
        if not msg.reply:
            return
        try:
            await msg.respond(encode(reply))
        except MaxPayloadError:
            log.warning("rpc %s: the reply is over the bus's message size", msg.subject)
            error = RpcError("the answer is too large to send", code="reply_too_large")
            await msg.respond(encode(error.to_payload()))


class RpcClient:
    """Calls another service; waits out a service that is still starting, up to `timeout`."""

    def __init__(self, nc: Client, prefix: str) -> None:
        self._nc = nc
        self._prefix = prefix

    async def call(self, operation: str, payload: Payload, timeout: float = 10.0) -> Payload:
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            remaining = deadline - time.monotonic()
            try:
                msg = await self._nc.request(f"{self._prefix}.{operation}", encode(payload), timeout=remaining)
                return raise_for_error(decode(msg.data))
            except (NoRespondersError, TimeoutError) as exc:
                if time.monotonic() + delay >= deadline:
                    raise ServiceUnavailableError(f"{self._prefix}.{operation}: no answer") from exc
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)


async def close_quietly(nc: Client, timeout_s: int = 2) -> None:
    """Flush what was published, then close; a shutdown never hangs on it."""
    try:
        await nc.flush(timeout=timeout_s)
    except Exception:
        log.debug("flush before close failed", exc_info=True)
    if not nc.is_closed:
        await nc.close()
