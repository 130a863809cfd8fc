"""The worker on NATS: the shared durable job consumer, chunk publishing, results and cancel commands."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import TimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig

from scriptwriter.contracts import subjects
from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import CancelTransform, GenerateText, NodeFinished
from scriptwriter.servicekit.codec import decode, encode

log = logging.getLogger("scriptwriter.llm_worker.bus")

MAX_DELIVERIES_ADVISORY = (
    f"$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{subjects.JOBS_STREAM}.{subjects.LLM_WORKERS_CONSUMER}"
)
"""Published by JetStream when a job has been delivered `max_deliver` times without being settled."""

_Outgoing = tuple[str, bytes, dict[str, str]] | asyncio.Future[None]


_events_subject = functools.lru_cache(maxsize=4096)(subjects.events_subject)
"""Checked once per execution, not once per token."""


class NatsWorkerBus:
    """Chunks go through one queue drained by one task, so they reach the connection in the order they were
    queued without a round trip each; a report first waits until every chunk before it is on the connection."""

    def __init__(self, nc: Client, js: JetStreamContext) -> None:
        self._nc = nc
        self._js = js
        self._outgoing: asyncio.Queue[_Outgoing] = asyncio.Queue()
        self._sender: asyncio.Task[None] | None = None

    def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        # A chunk's data holds only strings and numbers, so it is encoded as it is, without a model dump per token.
        subject = _events_subject(user_id, execution_id)
        payload = encode({"event": event.event, "data": event.data})
        self._outgoing.put_nowait((subject, payload, {"Nats-Msg-Id": msg_id}))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.create_task(self._send())

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        await self._js.publish(
            subjects.events_subject(user_id, execution_id),
            encode(event.model_dump(mode="json")),
            headers={"Nats-Msg-Id": msg_id},
        )

    async def report(self, result: NodeFinished) -> None:
        await self.sent()
        # The acknowledged publish also confirms every chunk sent before it on this connection.
        await self._js.publish(
            subjects.results_subject(result.executionId),
            encode(result.model_dump(mode="json")),
            headers={"Nats-Msg-Id": f"{result.transformId}:result"},
        )

    async def sent(self) -> None:
        """Returns once every chunk queued so far has been handed to the connection."""
        if self._sender is None or self._sender.done():
            return
        marker: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._outgoing.put_nowait(marker)
        await marker

    async def close(self) -> None:
        await self.sent()
        if self._sender is not None:
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender

    async def _send(self) -> None:
        while True:
            item = await self._outgoing.get()
            if isinstance(item, asyncio.Future):
                if not item.done():
                    item.set_result(None)
                continue
            subject, payload, headers = item
            try:
                await self._nc.publish(subject, payload, headers=headers)
            except Exception as exc:
                log.warning("a chunk could not be published: %s", exc)


@dataclass
class JetStreamDelivery:
    job: GenerateText
    attempt: int
    msg: Msg
    max_deliver: int

    @property
    def final(self) -> bool:
        return self.attempt >= self.max_deliver

    async def ack(self) -> None:
        log.debug("%s delivery %d acked", self.job.jobId, self.attempt)
        await self.msg.ack()

    async def nak(self, delay: float) -> None:
        log.debug("%s delivery %d nak'ed (again in %.1f s)", self.job.jobId, self.attempt, delay)
        await self.msg.nak(delay=delay)

    async def term(self) -> None:
        log.debug("%s delivery %d terminated", self.job.jobId, self.attempt)
        await self.msg.term()

    async def in_progress(self) -> None:
        await self.msg.in_progress()


async def listen_for_cancels(nc: Client, cancel: Callable[[CancelTransform], int], bus: NatsWorkerBus) -> None:
    """Streams named by a cancel stop at once (in the callback). A cancel asking for a reply is answered, by each
    worker that stopped something, once every chunk those streams published before is on the server: whoever
    announces the end after the reply knows no chunk of theirs can follow it."""
    replies: set[asyncio.Task[None]] = set()

    async def confirm(msg: Msg, hits: int) -> None:
        with contextlib.suppress(Exception):
            await bus.sent()
            await nc.flush(timeout=5)
            await msg.respond(encode({"stopped": hits}))

    async def on_cancel(msg: Msg) -> None:
        try:
            hits = cancel(CancelTransform.model_validate(decode(msg.data)))
        except Exception:
            log.exception("bad cancel command")
            return
        if hits:
            log.info("cancelled %d stream(s)", hits)
            if msg.reply:
                task = asyncio.create_task(confirm(msg, hits))
                replies.add(task)
                task.add_done_callback(replies.discard)

    await nc.subscribe(subjects.CANCEL_SUBJECT, cb=on_cancel)


async def listen_for_abandoned_jobs(
    nc: Client, js: JetStreamContext, abandon: Callable[[GenerateText, int], Awaitable[None]]
) -> None:
    """One worker (a queue group) settles each job JetStream stopped delivering, then removes it from the queue."""

    async def on_advisory(msg: Msg) -> None:
        try:
            advisory = decode(msg.data)
            sequence = int(advisory["stream_seq"])
            stored = await js.get_msg(subjects.JOBS_STREAM, sequence)
            if stored.data is not None:
                job = GenerateText.model_validate(decode(stored.data))
                await abandon(job, int(advisory.get("deliveries") or 0))
            await js.delete_msg(subjects.JOBS_STREAM, sequence)
        except Exception:
            log.exception("could not settle an abandoned job")

    await nc.subscribe(MAX_DELIVERIES_ADVISORY, queue=subjects.LLM_WORKERS_CONSUMER, cb=on_advisory)


async def consume_jobs(
    js: JetStreamContext,
    run: Callable[[JetStreamDelivery], Awaitable[None]],
    concurrency: int,
    ack_wait_s: float,
    max_deliver: int,
    stop: asyncio.Event,
) -> None:
    """Pull jobs while fewer than `concurrency` are running; each job runs in its own task.

    The shared consumer takes this worker's `ack_wait` and `max_deliver` (workers of one deployment share them).
    """
    config = ConsumerConfig(
        durable_name=subjects.LLM_WORKERS_CONSUMER,
        filter_subject=subjects.LLM_JOBS_FILTER,
        ack_policy=AckPolicy.EXPLICIT,
        ack_wait=ack_wait_s,
        max_deliver=max_deliver,
    )
    await js.add_consumer(subjects.JOBS_STREAM, config=config)
    sub = await js.pull_subscribe_bind(subjects.LLM_WORKERS_CONSUMER, stream=subjects.JOBS_STREAM)
    slots = asyncio.Semaphore(concurrency)
    running: set[asyncio.Task[None]] = set()

    async def handle(msg: Msg) -> None:
        try:
            job = GenerateText.model_validate(decode(msg.data))
            log.debug("%s delivery %d received", job.jobId, msg.metadata.num_delivered)
            await run(JetStreamDelivery(job, msg.metadata.num_delivered, msg, max_deliver))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job failed unexpectedly; it will be redelivered")
            with contextlib.suppress(Exception):
                await msg.nak(delay=2)
        finally:
            slots.release()

    while not stop.is_set():
        await slots.acquire()
        try:
            msgs = await sub.fetch(batch=1, timeout=1)
        except TimeoutError:
            slots.release()
            continue
        except Exception:
            slots.release()
            log.exception("fetching jobs failed")
            await asyncio.sleep(1)
            continue
        for index, msg in enumerate(msgs):
            if index:
                await slots.acquire()
            task = asyncio.create_task(handle(msg))
            running.add(task)
            task.add_done_callback(running.discard)
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
