"""Resume time for an execution whose log holds 10,000 chunks: reconnect with `Last-Event-ID` → first replayed
event, and reconnect without it → the `execution_state` snapshot (a fold of the whole log). Baseline in the same
run: a plain ordered JetStream consumer started at the same sequence → its first message.

    python -m bench.resume [--chunks 10000 --trials 30]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from nats.js.api import ConsumerConfig, DeliverPolicy

from scriptwriter.contracts import subjects
from scriptwriter.servicekit.adapters.nats_bus import connect
from scriptwriter.servicekit.codec import encode
from tests.support.system import RunningSystem, start_system

from .sse_client import stream_events
from .stats import summary, table


def prepare(system: RunningSystem) -> tuple[str, str, str]:
    client = httpx.Client(base_url=system.base_url, timeout=30)
    registered = client.post("/api/auth/register", json={"username": "bench_resume", "password": "bench password"})
    client.headers["Authorization"] = f"Bearer {registered.json()['token']}"
    execution_id = client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).json()["executionId"]
    return registered.json()["token"], registered.json()["user"]["id"], execution_id


async def measure(system: RunningSystem, prepared: tuple[str, str, str], chunks: int, trials: int) -> dict[str, Any]:
    token, user_id, execution_id = prepared
    nc = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "bench", 10)
    js = nc.jetstream()
    subject = subjects.events_subject(user_id, execution_id)
    for index in range(chunks):
        data = {
            "executionId": execution_id,
            "nodeId": "generate_ideas",
            "transformId": "tr_bench",
            "index": index,
            "delta": "剧情" * 2,
        }
        await js.publish_async(
            subject, encode({"event": "transform_chunk", "data": data}), headers={"Nats-Msg-Id": f"bench:{index}"}
        )
    await js.publish_async_completed()
    last = int((await js.get_last_msg(subjects.EVENTS_STREAM, subject)).seq or 0)
    first = last - chunks + 1
    path = f"/api/workflow/execution/{execution_id}/events"
    port = system.settings.gateway_port
    found: dict[str, list[float]] = {
        "Last-Event-ID mid-log → first event": [],
        "Last-Event-ID near the end → first event": [],
        "no Last-Event-ID → snapshot": [],
        "ordered consumer → first message (baseline)": [],
    }

    async def first_event(resume: int | None, key: str) -> None:
        started = time.perf_counter()

        def stop(_id: int, _event: str, _data: dict[str, Any], now: float) -> bool:
            found[key].append((now - started) * 1000)
            return True

        await stream_events("127.0.0.1", port, path, token, stop, resume)

    for _ in range(trials):
        await first_event(first + chunks // 2, "Last-Event-ID mid-log → first event")
        await first_event(last - 10, "Last-Event-ID near the end → first event")
        await first_event(None, "no Last-Event-ID → snapshot")
        started = time.perf_counter()
        received = asyncio.Event()

        async def on_message(_msg: Any, received: asyncio.Event = received) -> None:
            received.set()

        sub = await js.subscribe(
            subject,
            stream=subjects.EVENTS_STREAM,
            cb=on_message,
            ordered_consumer=True,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=first + chunks // 2),
        )
        await received.wait()
        found["ordered consumer → first message (baseline)"].append((time.perf_counter() - started) * 1000)
        await sub.unsubscribe()
    await nc.close()
    return found


def run(chunks: int = 10_000, trials: int = 30) -> str:
    with tempfile.TemporaryDirectory() as data_dir:
        system = start_system(Path(data_dir), chunk_delay_ms=1)
        try:
            found = asyncio.run(measure(system, prepare(system), chunks, trials))
        finally:
            system.stop()
    rows = []
    for label, values in found.items():
        s = summary(values)
        rows.append([label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
    return "\n\n".join(
        [
            f"Resume with {chunks} chunks in the execution's log, ms",
            table(["reconnect", "n", "p50", "p95", "p99", "max"], rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--trials", type=int, default=30)
    args = parser.parse_args()
    print(run(args.chunks, args.trials))


if __name__ == "__main__":
    main()
