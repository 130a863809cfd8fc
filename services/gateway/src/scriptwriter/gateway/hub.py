"""Live events shared by every viewer of an execution: one event-log subscription per execution in this process,
each event decoded and encoded once, then handed to every attached feed.

A viewer attaches before it replays: everything published after the attachment arrives through its feed, and
the replay covers everything up to a sequence read after attaching, so with de-duplication by sequence nothing is
lost or repeated in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from .ports import EventLog, EventSubscription
from .sse import sse_frame

log = logging.getLogger("scriptwriter.gateway.hub")

Frame = tuple[int, bytes]
MAX_BACKLOG = 20_000


class FeedOverflowError(Exception):
    """A viewer fell too far behind; its connection ends and the browser resumes with `Last-Event-ID`."""


@dataclass(eq=False)
class LiveFeed:
    channel: _Channel
    queue: asyncio.Queue[Frame | None] = field(default_factory=asyncio.Queue)
    overflowed: bool = False

    def push(self, frame: Frame | None) -> None:
        if self.queue.qsize() >= MAX_BACKLOG:
            self.overflowed = True
            self.queue.put_nowait(None)
            return
        self.queue.put_nowait(frame)

    async def frames(self) -> AsyncIterator[Frame]:
        while True:
            item = await self.queue.get()
            if item is None:
                if self.overflowed:
                    raise FeedOverflowError("viewer fell behind")
                return
            yield item

    def close(self) -> None:
        self.channel.detach(self)


@dataclass(eq=False)
class _Channel:
    hub: LiveHub
    key: tuple[str, str]
    feeds: set[LiveFeed] = field(default_factory=set)
    subscription: EventSubscription | None = None
    task: asyncio.Task[None] | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        try:
            self.subscription = await self.hub.log.subscribe_new(*self.key)
        finally:
            self.ready.set()
        async for seq, event, data in self.subscription:
            frame = (seq, sse_frame(seq, event, data))
            for feed in list(self.feeds):
                feed.push(frame)

    def detach(self, feed: LiveFeed) -> None:
        self.feeds.discard(feed)
        if not self.feeds:
            self.hub.release(self)


class LiveHub:
    def __init__(self, log: EventLog) -> None:
        self.log = log
        self._channels: dict[tuple[str, str], _Channel] = {}
        self._closing: set[asyncio.Task[None]] = set()

    async def attach(self, user_id: str, execution_id: str) -> LiveFeed:
        key = (user_id, execution_id)
        channel = self._channels.get(key)
        if channel is None:
            channel = _Channel(self, key)
            self._channels[key] = channel
            channel.task = asyncio.create_task(channel.run())
        feed = LiveFeed(channel)
        channel.feeds.add(feed)
        await channel.ready.wait()
        if channel.subscription is None:  # the subscription could not be made
            channel.detach(feed)
            raise ConnectionError("event log unavailable")
        return feed

    def release(self, channel: _Channel) -> None:
        if self._channels.get(channel.key) is channel:
            del self._channels[channel.key]
        task = asyncio.get_running_loop().create_task(self._close(channel))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _close(self, channel: _Channel) -> None:
        if channel.task is not None:
            channel.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await channel.task
        if channel.subscription is not None:
            await channel.subscription.close()

    @property
    def channels(self) -> int:
        return len(self._channels)
