"""The SSE stream logic over an in-memory event log: snapshot or replay, then live, each event exactly once."""

from __future__ import annotations

import asyncio
from typing import Any

from scriptwriter.gateway.hub import LiveHub
from scriptwriter.gateway.streams import event_stream
from tests.support.memory_events import MemoryEventLog

EXECUTION = {"id": "ex_1", "userId": "usr_1", "workflowId": "brainstorming", "createdAt": "2026-01-01T00:00:00Z"}


class NoDrafts:
    async def latest_input(self, execution_id: str, node_id: str) -> dict[str, Any]:
        from scriptwriter.servicekit.rpc import NotFoundError

        raise NotFoundError("none")


def chunk(log: MemoryEventLog, index: int) -> int:
    data = {"nodeId": "generate_ideas", "transformId": "tr_1", "index": index, "delta": str(index)}
    return log.publish("usr_1", "ex_1", "transform_chunk", data)


def parse(frame: bytes) -> tuple[int, str]:
    lines = frame.decode().split("\n")
    return int(lines[0].removeprefix("id: ")), lines[1].removeprefix("event: ")


async def take(stream: Any, count: int) -> list[tuple[int, str]]:
    return [parse(await anext(stream)) for _ in range(count)]


async def test_snapshot_then_live_events_each_once() -> None:
    log = MemoryEventLog()
    hub = LiveHub(log)
    log.publish(
        "usr_1", "ex_1", "workflow_node_start", {"nodeId": "generate_ideas", "attempt": 1, "transformId": "tr_1"}
    )
    for i in range(3):
        chunk(log, i)
    stream = event_stream(log, hub, NoDrafts(), EXECUTION, None)  # type: ignore[arg-type]
    first = await anext(stream)
    assert parse(first) == (4, "execution_state")
    assert b'"text":"012"' in first
    chunk(log, 3)
    chunk(log, 4)
    assert await take(stream, 2) == [(5, "transform_chunk"), (6, "transform_chunk")]
    await stream.aclose()


async def test_last_event_id_replays_what_followed_then_live() -> None:
    log = MemoryEventLog()
    hub = LiveHub(log)
    for i in range(6):
        chunk(log, i)
    stream = event_stream(log, hub, NoDrafts(), EXECUTION, 2)  # type: ignore[arg-type]
    replayed = await take(stream, 4)
    chunk(log, 6)
    assert replayed + await take(stream, 1) == [(seq, "transform_chunk") for seq in range(3, 8)]
    await stream.aclose()


async def test_an_id_too_old_to_replay_gets_the_snapshot() -> None:
    log = MemoryEventLog()
    hub = LiveHub(log)
    for i in range(5):
        chunk(log, i)
    log.first = 4
    stream = event_stream(log, hub, NoDrafts(), EXECUTION, 1)  # type: ignore[arg-type]
    assert parse(await anext(stream)) == (5, "execution_state")
    await stream.aclose()


async def test_viewers_share_one_live_subscription_and_release_it() -> None:
    log = MemoryEventLog()
    hub = LiveHub(log)
    chunk(log, 0)
    streams = [event_stream(log, hub, NoDrafts(), EXECUTION, None) for _ in range(5)]  # type: ignore[arg-type]
    for stream in streams:
        await anext(stream)
    assert hub.channels == 1
    chunk(log, 1)
    for stream in streams:
        assert await take(stream, 1) == [(2, "transform_chunk")]
    for stream in streams:
        await stream.aclose()
    for _ in range(10):
        if not log.subscriptions:
            break
        await asyncio.sleep(0)
    assert hub.channels == 0 and not log.subscriptions
