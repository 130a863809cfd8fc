"""The worker on NATS: the shared durable job consumer, chunk publishing, results and cancel commands."""

from __future__ import annotations

import asyncio
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
from scriptwriter.servicekit.adapters.nats_bus import decode, encode

log = logging.getLogger("scriptwriter.llm_worker.bus")

MAX_DELIVER = 6


class NatsWorkerBus:
    def __init__(self, nc: Client, js: JetStreamContext) -> None:
        self._nc = nc
        self._js = js

    async def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        await self._nc.publish(
            subjects.events_subject(user_id, execution_id),
            encode(event.model_dump(mode="json")),
            headers={"Nats-Msg-Id": msg_id},
        )

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        await self._js.publish(
            subjects.events_subject(user_id, execution_id),
            encode(event.model_dump(mode="json")),
            headers={"Nats-Msg-Id": msg_id},
        )

    async def report(self, result: NodeFinished) -> None:
        # The acknowledged publish also confirms every chunk sent before it on this connection.
        await self._js.publish(
            subjects.results_subject(result.executionId),
            encode(result.model_dump(mode="json")),
            headers={"Nats-Msg-Id": f"{result.transformId}:result"},
        )


@dataclass
class JetStreamDelivery:
    job: GenerateText
    attempt: int
    msg: Msg

    async def ack(self) -> None:
        await self.msg.ack()

    async def nak(self, delay: float) -> None:
        await self.msg.nak(delay=delay)

    async def in_progress(self) -> None:
        await self.msg.in_progress()


async def listen_for_cancels(nc: Client, cancel: Callable[[CancelTransform], int]) -> None:
    async def on_cancel(msg: Msg) -> None:
        try:
            hits = cancel(CancelTransform.model_validate(decode(msg.data)))
            if hits:
                log.info("cancelled %d stream(s)", hits)
        except Exception:
            log.exception("bad cancel command")

    await nc.subscribe(subjects.CANCEL_SUBJECT, cb=on_cancel)


async def consume_jobs(
    js: JetStreamContext,
    run: Callable[[JetStreamDelivery], Awaitable[None]],
    concurrency: int,
    ack_wait_s: float,
    stop: asyncio.Event,
) -> None:
    """Pull jobs while fewer than `concurrency` are running; each job runs in its own task."""
    sub = await js.pull_subscribe(
        subjects.LLM_JOBS_FILTER,
        durable=subjects.LLM_WORKERS_CONSUMER,
        stream=subjects.JOBS_STREAM,
        config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=ack_wait_s, max_deliver=MAX_DELIVER),
    )
    slots = asyncio.Semaphore(concurrency)
    running: set[asyncio.Task[None]] = set()

    async def handle(msg: Msg) -> None:
        try:
            job = GenerateText.model_validate(decode(msg.data))
            await run(JetStreamDelivery(job, msg.metadata.num_delivered, msg))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job failed unexpectedly; it will be redelivered")
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
