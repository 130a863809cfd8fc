"""Human submit → next node started: from the writer's POST of their requirements to the `workflow_node_start`
of the LLM node at an SSE client, with the orchestrator's own time per transition, against the floor of the
transport measured in the same run (a NATS request/reply and a JetStream publish acknowledgement).

    python -m bench.human_submit [--runs 50]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx

from scriptwriter.contracts.subjects import ORCHESTRATOR_RPC_PREFIX
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, connect
from scriptwriter.servicekit.codec import encode
from tests.support.sse import open_events
from tests.support.system import RunningSystem, start_system

from .stats import summary, table

INPUTS = {"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 1}


def measure_submits(system: RunningSystem, runs: int) -> dict[str, list[float]]:
    client = httpx.Client(base_url=system.base_url, timeout=30)
    token = client.post("/api/auth/register", json={"username": "bench_submit", "password": "bench password"})
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    found: dict[str, list[float]] = {"HTTP 202 returned": [], "node completed at client": [], "next node started": []}
    for _ in range(runs):
        execution_id = client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).json()[
            "executionId"
        ]
        base = f"/api/workflow/execution/{execution_id}"
        with open_events(client, f"{base}/events") as stream:
            events = iter(stream)
            next(events)
            started = time.perf_counter()
            client.post(f"{base}/input/collect_requirements", json=INPUTS).raise_for_status()
            found["HTTP 202 returned"].append((time.perf_counter() - started) * 1000)
            for event in events:
                if event.event == "workflow_progress" and event.data["nodeId"] == "collect_requirements":
                    found["node completed at client"].append((time.perf_counter() - started) * 1000)
                if event.event == "workflow_node_start" and event.data["nodeId"] == "generate_ideas":
                    found["next node started"].append((time.perf_counter() - started) * 1000)
                    break
    return found


async def transport_floor(nats_url: str, runs: int) -> dict[str, list[float]]:
    nc = await connect(nats_url, "bench", 10)
    js = nc.jetstream()
    await js.add_stream(name="BENCH_FLOOR", subjects=["bench.floor"])

    async def echo(msg: object) -> None:
        await msg.respond(b"{}")  # type: ignore[attr-defined]

    await nc.subscribe("bench.echo", cb=echo)
    found: dict[str, list[float]] = {"NATS request/reply": [], "JetStream publish ack": []}
    for index in range(runs):
        started = time.perf_counter()
        await nc.request("bench.echo", b"{}", timeout=5)
        found["NATS request/reply"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        await js.publish("bench.floor", encode({"i": index}))
        found["JetStream publish ack"].append((time.perf_counter() - started) * 1000)
    timings = await RpcClient(nc, ORCHESTRATOR_RPC_PREFIX).call("stats.timings", {})
    await js.delete_stream("BENCH_FLOOR")
    await nc.close()
    found["_timings"] = [timings]  # type: ignore[list-item]
    return found


def run(runs: int) -> str:
    with tempfile.TemporaryDirectory() as data_dir:
        system = start_system(Path(data_dir), chunk_delay_ms=1)
        try:
            measured = measure_submits(system, runs)
            floor = asyncio.run(transport_floor(f"nats://127.0.0.1:{system.settings.nats_port}", runs))
        finally:
            system.stop()
    timings = floor.pop("_timings")[0]["timings"]  # type: ignore[index]
    rows = []
    for label, values in {**measured, **floor}.items():
        s = summary(values)
        rows.append([label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
    own = [
        [kind, int(v["n"]), round(v["p50"], 1), round(v["p95"], 1), round(v["max"], 1)]
        for kind, v in sorted(timings.items())
    ]
    return "\n\n".join(
        [
            f"Human submit → next node, ms ({runs} runs; transport floor measured in the same run)",
            table(["measure", "n", "p50", "p95", "p99", "max"], rows),
            "The orchestrator's own time per transition (load, decide, save, publish), ms",
            table(["transition", "n", "p50", "p95", "max"], own),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    print(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
