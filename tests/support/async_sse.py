"""An async SSE reader over httpx, for tests that hold many streams at once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from .sse import SseEvent


async def sse_events(response: httpx.Response) -> AsyncIterator[SseEvent]:
    fields: dict[str, str] = {}
    async for line in response.aiter_lines():
        if line == "":
            if "data" in fields:
                yield SseEvent(
                    int(fields.get("id", "0")), fields.get("event", "message"), json.loads(fields["data"]), 0.0
                )
            fields = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(":")
            fields[key] = value[1:] if value.startswith(" ") else value


def event_key(event: SseEvent) -> tuple[int, str, str]:
    return event.id, event.event, json.dumps(event.data, sort_keys=True, ensure_ascii=False)


def concat_deltas(events: list[SseEvent], up_to: int | None = None, transform_id: Any = None) -> str:
    return "".join(
        e.data["delta"]
        for e in events
        if e.event == "transform_chunk"
        and (up_to is None or e.id <= up_to)
        and (transform_id is None or e.data["transformId"] == transform_id)
    )
