"""A writer's client that survives restarts: requests retried while a service is away, the event stream resumed
with `Last-Event-ID` after every disconnect, every event id recorded."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.async_sse import sse_events
from tests.support.sse import SseEvent

RETRYABLE = (httpx.TransportError, httpx.HTTPStatusError)


async def call(client: httpx.AsyncClient, method: str, path: str, ok: tuple[int, ...], **kwargs: Any) -> httpx.Response:
    """Retry until the answer is one of `ok` (a 503 or a dropped connection means a service is restarting)."""
    delay = 0.1
    for _ in range(200):
        try:
            response = await client.request(method, path, **kwargs)
            if response.status_code in ok:
                return response
            if response.status_code not in (502, 503, 504):
                raise AssertionError(f"{method} {path} → {response.status_code} {response.text}")
        except httpx.TransportError:
            pass
        await asyncio.sleep(delay)
        delay = min(delay * 2, 1.0)
    raise AssertionError(f"{method} {path} never succeeded")


@dataclass
class Follower:
    """Follows one execution's events across disconnects."""

    client: httpx.AsyncClient
    execution_id: str
    events: list[SseEvent] = field(default_factory=list)
    reconnects: int = 0
    duplicates: int = 0

    @property
    def last_id(self) -> int | None:
        return self.events[-1].id if self.events else None

    async def until(self, done: Any, timeout_s: float) -> SseEvent:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while loop.time() < deadline:
            headers = {} if self.last_id is None else {"Last-Event-ID": str(self.last_id)}
            try:
                async with self.client.stream(
                    "GET", f"/api/workflow/execution/{self.execution_id}/events", headers=headers
                ) as response:
                    if response.status_code != 200:
                        raise httpx.TransportError(f"status {response.status_code}")
                    async for event in sse_events(response):
                        if self.last_id is not None and event.id <= self.last_id and event.event != "execution_state":
                            self.duplicates += 1
                            continue
                        self.events.append(event)
                        if done(event):
                            return event
            except (httpx.TransportError, httpx.StreamError, json.JSONDecodeError):
                pass
            self.reconnects += 1
            await asyncio.sleep(0.2)
        raise TimeoutError(f"{self.execution_id}: condition not met after {len(self.events)} events")
