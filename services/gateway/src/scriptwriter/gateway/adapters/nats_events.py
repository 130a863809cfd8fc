"""Reading an execution's event log from JetStream with per-connection ordered consumers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from scriptwriter.contracts import subjects
from scriptwriter.contracts.messages import CancelTransform
from scriptwriter.servicekit.codec import decode, encode

from ..ports import LoggedEvent

_END = object()


class NatsEventSubscription:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Msg | object] = asyncio.Queue()
        self._sub: object | None = None

    async def on_message(self, msg: Msg) -> None:
        self.queue.put_nowait(msg)

    def bind(self, sub: object) -> None:
        self._sub = sub

    async def __aiter__(self) -> AsyncIterator[LoggedEvent]:
        while True:
            item = await self.queue.get()
            if item is _END:
                return
            assert isinstance(item, Msg)
            envelope = decode(item.data)
            yield item.metadata.sequence.stream, envelope["event"], envelope["data"]

    async def close(self) -> None:
        if self._sub is not None:
            with contextlib.suppress(Exception):
                await self._sub.unsubscribe()  # type: ignore[attr-defined]
            self._sub = None
        self.queue.put_nowait(_END)


class NatsEventLog:
    def __init__(self, js: JetStreamContext) -> None:
        self._js = js

    async def last_sequence(self, user_id: str, execution_id: str) -> int:
        try:
            msg = await self._js.get_last_msg(subjects.EVENTS_STREAM, subjects.events_subject(user_id, execution_id))
        except NotFoundError:
            return 0
        return int(msg.seq or 0)

    async def first_sequence(self) -> int:
        info = await self._js.stream_info(subjects.EVENTS_STREAM)
        return int(info.state.first_seq)

    async def subscribe(self, user_id: str, execution_id: str, start: int | None) -> NatsEventSubscription:
        config = (
            ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
            if start is None
            else ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=max(start, 1))
        )
        return await self._ordered(user_id, execution_id, config)

    async def subscribe_new(self, user_id: str, execution_id: str) -> NatsEventSubscription:
        return await self._ordered(user_id, execution_id, ConsumerConfig(deliver_policy=DeliverPolicy.NEW))

    async def _ordered(self, user_id: str, execution_id: str, config: ConsumerConfig) -> NatsEventSubscription:
        subscription = NatsEventSubscription()
        sub = await self._js.subscribe(
            subjects.events_subject(user_id, execution_id),
            stream=subjects.EVENTS_STREAM,
            cb=subscription.on_message,
            ordered_consumer=True,
            config=config,
            pending_msgs_limit=-1,
            pending_bytes_limit=-1,
        )
        subscription.bind(sub)
        return subscription


class NatsControlBus:
    def __init__(self, nc: Client) -> None:
        self._nc = nc

    async def cancel(self, command: CancelTransform) -> None:
        await self._nc.publish(subjects.CANCEL_SUBJECT, encode(command.model_dump(mode="json")))
