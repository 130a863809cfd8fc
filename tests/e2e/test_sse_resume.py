"""Refresh-and-resume at token level: cut the stream at a random event while tokens stream, reconnect with
`Last-Event-ID`, and every later event arrives exactly once, in order; no extra model request is made."""

from __future__ import annotations

import asyncio
import random
import uuid

import httpx
import pytest

from scriptwriter.contracts import subjects
from scriptwriter.servicekit.adapters.nats_bus import connect
from tests.support.async_sse import concat_deltas, event_key, sse_events
from tests.support.sse import SseEvent
from tests.support.system import RunningSystem

from .conftest import register
from .journey import start

pytestmark = pytest.mark.e2e
TRIALS = 100
INPUTS = {"genrePaths": [["男频", "逆袭类", "神豪", "一夜暴富"]], "numberOfIdeas": 4}


def done(event: SseEvent) -> bool:
    return event.event == "user_input_required" and event.data["nodeId"] == "select_idea"


async def read(client: httpx.AsyncClient, path: str, headers: dict[str, str], stop_after: int | None) -> list[SseEvent]:
    events: list[SseEvent] = []
    async with client.stream("GET", path, headers=headers) as response:
        assert response.status_code == 200
        async for event in sse_events(response):
            events.append(event)
            if (stop_after is not None and len(events) >= stop_after) or done(event):
                break
    return events


async def trial(client: httpx.AsyncClient, path: str, rng: random.Random) -> tuple[list[SseEvent], list[SseEvent]]:
    first = await read(client, path, {}, stop_after=rng.randint(1, 60))
    if done(first[-1]):
        return first, []
    second = await read(client, path, {"Last-Event-ID": str(first[-1].id)}, stop_after=None)
    return first, second


async def run_trials(
    system: RunningSystem, token: str, execution_id: str
) -> list[tuple[list[SseEvent], list[SseEvent]]]:
    limits = httpx.Limits(max_connections=TRIALS * 2)
    headers = {"Authorization": f"Bearer {token}"}
    timeout = httpx.Timeout(30, read=30)
    async with httpx.AsyncClient(base_url=system.base_url, headers=headers, limits=limits, timeout=timeout) as client:
        path = f"/api/workflow/execution/{execution_id}/events"
        rng = random.Random(7)
        return await asyncio.wait_for(asyncio.gather(*(trial(client, path, rng) for _ in range(TRIALS))), 60)


async def event_consumers(system: RunningSystem) -> int:
    nc = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "probe", 10)
    info = await nc.jetstream().stream_info(subjects.EVENTS_STREAM)
    await nc.close()
    return int(info.state.consumer_count)


def test_reconnect_with_last_event_id_resumes_exactly(system: RunningSystem) -> None:
    writer = register(system, f"resume_{uuid.uuid4().hex[:6]}")
    token = writer.headers["Authorization"].removeprefix("Bearer ")
    requests_before = httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0)
    consumers_before = asyncio.run(event_consumers(system))
    execution_id = start(writer, "brainstorming", INPUTS)
    results = asyncio.run(run_trials(system, token, execution_id))

    full = asyncio.run(_full_log(system, token, execution_id))
    by_id = {e.id: e for e in full}
    cut_mid_stream = 0
    for first, second in results:
        assert first[0].event == "execution_state"
        snapshot = first[0]
        streaming = snapshot.data["streamingStates"].get("generate_ideas")
        if streaming:
            assert streaming["text"] == concat_deltas(full, up_to=snapshot.id, transform_id=streaming["transformId"])
        live = first[1:] + second
        assert [e.id for e in live] == sorted({e.id for e in live}), "duplicate or out-of-order event"
        expected = [e for e in full if e.id > snapshot.id]
        assert [event_key(e) for e in live] == [event_key(e) for e in expected][: len(live)]
        assert live and done(live[-1]), "every trial must reach the select_idea input"
        if second and any(e.event == "transform_chunk" for e in second):
            cut_mid_stream += 1
        assert all(by_id[e.id].data == e.data for e in live)
    assert cut_mid_stream >= TRIALS // 2, "most cuts should land while tokens stream"
    requests_after = httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0)
    assert requests_after - requests_before == 1

    assert asyncio.run(wait_for_consumers(system, consumers_before)) <= consumers_before, "consumers leaked"


async def wait_for_consumers(system: RunningSystem, target: int, timeout_s: float = 10.0) -> int:
    """The consumer count once it is back to `target`, or whatever it is when the time is up."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    count = await event_consumers(system)
    while count > target and loop.time() < deadline:
        await asyncio.sleep(0.1)
        count = await event_consumers(system)
    return count


async def _full_log(system: RunningSystem, token: str, execution_id: str) -> list[SseEvent]:
    async with httpx.AsyncClient(base_url=system.base_url, headers={"Authorization": f"Bearer {token}"}) as client:
        path = f"/api/workflow/execution/{execution_id}/events"
        return await read(client, path, {"Last-Event-ID": "0"}, stop_after=None)
