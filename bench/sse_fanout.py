"""SSE fan-out: one gateway process serving 1,000 concurrent SSE clients (100 executions × 10 viewers). Events are
published straight to the executions' event subjects with their send time; each client records the delay until
it has the event. Baseline in the same run: the same events received by plain NATS subscribers (no gateway).

    python -m bench.sse_fanout [--executions 100 --viewers 10 --rounds 20 --rate 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from scriptwriter.contracts import subjects
from scriptwriter.servicekit.adapters.nats_bus import connect
from scriptwriter.servicekit.codec import encode
from tests.support.system import RunningSystem, start_system

from .sse_client import stream_events
from .stats import summary, table, tree_cpu_seconds


async def consumers(js: Any) -> int:
    return int((await js.stream_info(subjects.EVENTS_STREAM)).state.consumer_count)


def prepare(system: RunningSystem, executions: int) -> tuple[str, str, list[str]]:
    """A user and their executions: (token, user id, execution ids)."""
    client = httpx.Client(base_url=system.base_url, timeout=30)
    registered = client.post("/api/auth/register", json={"username": "bench_fanout", "password": "bench password"})
    token = registered.json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    ids = [
        client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).json()["executionId"]
        for _ in range(executions)
    ]
    return token, registered.json()["user"]["id"], ids


async def fan_out(
    system: RunningSystem, prepared: tuple[str, str, list[str]], viewers: int, rounds: int, rate: float
) -> dict[str, Any]:
    token, me, ids = prepared
    executions = len(ids)
    nc = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "bench", 10)
    js = nc.jetstream()
    consumers_before = await consumers(js)
    latencies: list[float] = []
    baseline: list[float] = []
    ready = 0
    all_ready = asyncio.Event()

    def on_event(event_id: int, event: str, data: dict[str, Any], now: float) -> bool:
        nonlocal ready
        if event == "execution_state":
            ready += 1
            if ready == executions * viewers:
                all_ready.set()
            return False
        if "sentAt" in data:
            latencies.append((now - data["sentAt"]) * 1000)
        return bool(data.get("last"))

    async def on_nats(msg: Any) -> None:
        data = __import__("json").loads(msg.data)["data"]
        baseline.append((time.perf_counter() - data["sentAt"]) * 1000)

    for execution_id in ids:
        await nc.subscribe(subjects.events_subject(me, execution_id), cb=on_nats)
    path = "/api/workflow/execution/{}/events"
    port = system.settings.gateway_port
    tasks = [
        asyncio.create_task(stream_events("127.0.0.1", port, path.format(e), token, on_event))
        for e in ids
        for _ in range(viewers)
    ]
    await asyncio.wait_for(all_ready.wait(), 120)
    gateway_pid = system.processes["gateway"].pid
    cpu_before, started = tree_cpu_seconds(gateway_pid), time.perf_counter()
    interval = executions / rate
    for round_index in range(rounds):
        tick = time.perf_counter()
        for index, execution_id in enumerate(ids):
            last = round_index == rounds - 1
            data = {
                "executionId": execution_id,
                "nodeId": "generate_ideas",
                "transformId": "tr_bench",
                "index": round_index,
                "delta": "字" * 3,
                "sentAt": time.perf_counter(),
                "last": last,
            }
            await nc.publish(
                subjects.events_subject(me, execution_id),
                encode({"event": "transform_chunk", "data": data}),
                headers={"Nats-Msg-Id": f"bench:{execution_id}:{round_index}:{index}"},
            )
        await nc.flush()
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - tick)))
    await asyncio.wait_for(asyncio.gather(*tasks), 120)
    elapsed = time.perf_counter() - started
    gateway_cpu = tree_cpu_seconds(gateway_pid) - cpu_before
    deadline = time.monotonic() + 15
    left = await consumers(js)
    while left > consumers_before and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        left = await consumers(js)
    await nc.close()
    return {
        "latencies": latencies,
        "baseline": baseline,
        "elapsed": elapsed,
        "gateway_cpu": gateway_cpu,
        "consumers_left": left - consumers_before,
        "deliveries": len(latencies),
    }


def run(executions: int = 100, viewers: int = 10, rounds: int = 20, rate: float = 1000.0) -> str:
    with tempfile.TemporaryDirectory() as data_dir:
        system = start_system(Path(data_dir), chunk_delay_ms=1)
        try:
            found = asyncio.run(fan_out(system, prepare(system, executions), viewers, rounds, rate))
        finally:
            system.stop()
    rows = []
    for label, values in (
        ("gateway SSE clients", found["latencies"]),
        ("NATS subscribers (baseline)", found["baseline"]),
    ):
        s = summary(values)
        rows.append([label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
    clients = executions * viewers
    return "\n\n".join(
        [
            f"SSE fan-out: {clients} clients ({executions} executions × {viewers} viewers), "
            f"{rounds} events per execution at {rate:g} events/s in all; delivery latency, ms",
            table(["receiver", "deliveries", "p50", "p95", "p99", "max"], rows),
            table(
                ["measure", "value"],
                [
                    ["deliveries/s to SSE clients", f"{found['deliveries'] / found['elapsed']:.0f}"],
                    ["gateway CPU (one process)", f"{100 * found['gateway_cpu'] / found['elapsed']:.0f}%"],
                    ["event-log consumers left after clients left", found["consumers_left"]],
                ],
            ),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--executions", type=int, default=100)
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rate", type=float, default=1000.0)
    args = parser.parse_args()
    print(run(args.executions, args.viewers, args.rounds, args.rate))


if __name__ == "__main__":
    main()
