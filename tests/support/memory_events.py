"""An in-memory event log with the gateway's `EventLog` port, for tests of the stream logic."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from scriptwriter.gateway.ports import LoggedEvent


class MemorySubscription:
    def __init__(self, log: MemoryEventLog, key: tuple[str, str]) -> None:
        self.log = log
        self.key = key
        self.queue: asyncio.Queue[LoggedEvent | None] = asyncio.Queue()

    async def __aiter__(self) -> AsyncIterator[LoggedEvent]:
        while True:
            item = await self.queue.get()
            if item is None:
                return
            yield item

    async def close(self) -> None:
        self.log.subscriptions.discard(self)
        self.queue.put_nowait(None)


class MemoryEventLog:
    def __init__(self) -> None:
        self.events: list[tuple[int, tuple[str, str], str, dict[str, Any]]] = []
        self.subscriptions: set[MemorySubscription] = set()
        self.first = 1
        self.opened = 0

    def publish(self, user_id: str, execution_id: str, event: str, data: dict[str, Any]) -> int:
        seq = len(self.events) + 1
        key = (user_id, execution_id)
        self.events.append((seq, key, event, {"executionId": execution_id, **data}))
        for sub in list(self.subscriptions):
            if sub.key == key:
                sub.queue.put_nowait((seq, event, self.events[-1][3]))
        return seq

    async def last_sequence(self, user_id: str, execution_id: str) -> int:
        found = [seq for seq, key, _, _ in self.events if key == (user_id, execution_id)]
        return found[-1] if found else 0

    async def first_sequence(self) -> int:
        return self.first

    async def subscribe(self, user_id: str, execution_id: str, start: int | None) -> MemorySubscription:
        sub = self._open(user_id, execution_id)
        for seq, key, event, data in self.events:
            if key == (user_id, execution_id) and seq >= max(start or 1, self.first):
                sub.queue.put_nowait((seq, event, data))
        return sub

    async def subscribe_new(self, user_id: str, execution_id: str) -> MemorySubscription:
        return self._open(user_id, execution_id)

    def _open(self, user_id: str, execution_id: str) -> MemorySubscription:
        self.opened += 1
        sub = MemorySubscription(self, (user_id, execution_id))
        self.subscriptions.add(sub)
        return sub
