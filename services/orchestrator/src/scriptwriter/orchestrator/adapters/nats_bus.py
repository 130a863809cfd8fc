"""The orchestrator on NATS: publishes events and jobs, consumes node results durably."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig

from scriptwriter.contracts import subjects
from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import CancelTransform, GenerateText, NodeFinished
from scriptwriter.servicekit.codec import decode, encode

log = logging.getLogger("scriptwriter.orchestrator.bus")
CANCEL_CONFIRM_S = 1.0
"""How long a cancel waits for the workers streaming what it stops to confirm."""


class NatsOrchestratorBus:
    def __init__(self, nc: Client, js: JetStreamContext) -> None:
        self._nc = nc
        self._js = js

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        await self._js.publish(
            subjects.events_subject(user_id, execution_id),
            encode(event.model_dump(mode="json")),
            headers={"Nats-Msg-Id": msg_id},
        )

    async def dispatch_job(self, job: GenerateText) -> None:
        await self._js.publish(
            subjects.llm_job_subject(job.templateId),
            encode(job.model_dump(mode="json")),
            headers={"Nats-Msg-Id": job.jobId},
        )

    async def broadcast_cancel(self, command: CancelTransform, streams: int) -> None:
        inbox = self._nc.new_inbox()
        confirmed: asyncio.Queue[int] = asyncio.Queue()

        async def on_reply(msg: Msg) -> None:
            with contextlib.suppress(Exception):
                confirmed.put_nowait(int(decode(msg.data).get("stopped", 0)))

        sub = await self._nc.subscribe(inbox, cb=on_reply)
        try:
            await self._nc.publish(subjects.CANCEL_SUBJECT, encode(command.model_dump(mode="json")), reply=inbox)
            await self._nc.flush()
            deadline = asyncio.get_running_loop().time() + CANCEL_CONFIRM_S
            while streams > 0:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    log.warning("%d stream(s) of %s did not confirm the cancel", streams, command.executionId)
                    break
                try:
                    streams -= await asyncio.wait_for(confirmed.get(), left)
                except TimeoutError:
                    continue
        finally:
            await sub.unsubscribe()


async def consume_results(
    js: JetStreamContext, handle: Callable[[NodeFinished], Awaitable[None]], stop: asyncio.Event
) -> None:
    """Deliver each node result to `handle`; ack after it is applied, so a crash redelivers it."""
    sub = await js.pull_subscribe(
        subjects.RESULTS_SUBJECTS,
        durable=subjects.ORCHESTRATOR_CONSUMER,
        stream=subjects.RESULTS_STREAM,
        config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=60, max_deliver=-1),
    )
    while not stop.is_set():
        try:
            msgs = await sub.fetch(batch=16, timeout=1)
        except (NatsTimeoutError, TimeoutError):
            continue
        except Exception:
            log.exception("fetching results failed")
            await asyncio.sleep(1)
            continue

        async def apply(msg: object) -> None:
            from nats.aio.msg import Msg

            assert isinstance(msg, Msg)
            try:
                await handle(NodeFinished.model_validate(decode(msg.data)))
                await msg.ack()
            except Exception:
                log.exception("applying a node result failed; it will be redelivered")
                await msg.nak(delay=1)

        await asyncio.gather(*(apply(m) for m in msgs))
