"""RPC and the execution event log against a real nats-server with JetStream."""

from __future__ import annotations

import asyncio

import pytest

from scriptwriter.contracts import subjects
from scriptwriter.gateway.adapters.nats_events import NatsEventLog
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, RpcServer, connect, ensure_streams
from scriptwriter.servicekit.codec import encode
from scriptwriter.servicekit.rpc import ConflictError, Payload, RpcError, ServiceUnavailableError

pytestmark = pytest.mark.integration


async def test_rpc_answers_and_maps_errors(nats_url: str) -> None:
    nc = await connect(nats_url, "test", 10)

    async def echo(payload: Payload) -> Payload:
        return {"echo": payload["value"]}

    async def conflict(_payload: Payload) -> Payload:
        raise ConflictError("taken")

    async def crash(_payload: Payload) -> Payload:
        raise RuntimeError("secret detail")

    client = RpcClient(nc, "rpc.test")
    with pytest.raises(ServiceUnavailableError):
        await client.call("a.echo", {"value": 1}, timeout=0.3)
    await RpcServer(nc, "rpc.test", {"a.echo": echo, "conflict": conflict, "crash": crash}, queue="q").start()
    assert await client.call("a.echo", {"value": "值"}) == {"echo": "值"}
    with pytest.raises(ConflictError, match="taken"):
        await client.call("conflict", {})
    with pytest.raises(RpcError) as caught:
        await client.call("crash", {})
    assert "secret" not in caught.value.message
    await nc.close()


async def publish(js: object, subject: str, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        await js.publish(
            subject,
            encode({"event": "transform_chunk", "data": {"index": i}}),  # type: ignore[attr-defined]
            headers={"Nats-Msg-Id": f"{subject}:{i}"},
        )


async def test_event_log_replays_from_a_sequence_then_goes_live(nats_url: str) -> None:
    nc = await connect(nats_url, "test", 10)
    js = nc.jetstream()
    await ensure_streams(js)
    log = NatsEventLog(js)
    subject = subjects.events_subject("usr_a", "ex_1")
    assert await log.last_sequence("usr_a", "ex_1") == 0
    await publish(js, subject, 5)
    await publish(js, subjects.events_subject("usr_b", "ex_2"), 3)  # another execution interleaves
    await publish(js, subject, 5, start=5)
    await publish(js, subject, 2)  # a repeated publish is dropped by its message id
    last = await log.last_sequence("usr_a", "ex_1")
    assert last == 13
    subscription = await log.subscribe("usr_a", "ex_1", 4)
    seen: list[tuple[int, int]] = []

    async def read(count: int) -> None:
        async for seq, event, data in subscription:
            assert event == "transform_chunk"
            seen.append((seq, data["index"]))
            if len(seen) == count:
                return

    await asyncio.wait_for(read(7), 5)
    await publish(js, subject, 1, start=10)
    await asyncio.wait_for(read(8), 5)
    await subscription.close()
    assert [i for _, i in seen] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)
    assert all(s >= 4 for s, _ in seen)
    await nc.close()
