"""A small SSE reader over httpx for tests: events with id, type and parsed data, with bounded waits."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class SseEvent:
    id: int
    event: str
    data: dict[str, Any]
    received_at: float


class SseStream:
    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines

    def __iter__(self) -> Iterator[SseEvent]:
        fields: dict[str, str] = {}
        for line in self._lines:
            if line == "":
                if "data" in fields:
                    yield SseEvent(
                        int(fields.get("id", "0")),
                        fields.get("event", "message"),
                        json.loads(fields["data"]),
                        time.monotonic(),
                    )
                fields = {}
            elif line.startswith(":"):
                continue
            else:
                key, _, value = line.partition(":")
                fields[key] = value[1:] if value.startswith(" ") else value

    def until(self, done: Callable[[SseEvent], bool], timeout_s: float = 30.0) -> list[SseEvent]:
        deadline = time.monotonic() + timeout_s
        events = []
        for event in self:
            events.append(event)
            if done(event):
                return events
            if time.monotonic() > deadline:
                break
        raise TimeoutError(f"condition not met after {len(events)} events")


@contextmanager
def open_events(client: httpx.Client, path: str, headers: dict[str, str] | None = None) -> Iterator[SseStream]:
    with client.stream("GET", path, headers=headers or {}, timeout=httpx.Timeout(10, read=20)) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        yield SseStream(response.iter_lines())
