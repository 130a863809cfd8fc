"""First-token latency: the whole system (submit → first `transform_chunk` at an SSE client) against the baseline
of the same demo model called directly with the `openai` SDK (request → first content delta).

    python -m bench.first_token [--runs 30] [--chunk-delay-ms 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx
from openai import AsyncOpenAI

from tests.support.sse import open_events
from tests.support.system import RunningSystem, start_system

from .stats import summary, table, tree_cpu_seconds

INPUTS = {"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 3}


async def direct_first_token(model_url: str, runs: int) -> list[float]:
    client = AsyncOpenAI(base_url=f"{model_url}/v1", api_key="x", max_retries=0)
    latencies = []
    for _ in range(runs):
        started = time.perf_counter()
        stream = await client.chat.completions.create(
            model="demo-model",
            messages=[{"role": "user", "content": "请构思 3 个竖屏短剧故事创意"}],
            stream=True,
            extra_headers={"X-Template-Id": "brainstorming"},
        )
        async with stream:
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    latencies.append((time.perf_counter() - started) * 1000)
                    break
    await client.close()
    return latencies


def system_first_token(system: RunningSystem, runs: int) -> list[float]:
    client = httpx.Client(base_url=system.base_url, timeout=30)
    token = client.post("/api/auth/register", json={"username": "bench_user", "password": "bench password"})
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    latencies = []
    for _ in range(runs):
        execution_id = client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).json()[
            "executionId"
        ]
        base = f"/api/workflow/execution/{execution_id}"
        with open_events(client, f"{base}/events") as stream:
            events = iter(stream)
            next(events)  # the snapshot
            started = time.perf_counter()
            client.post(f"{base}/input/collect_requirements", json=INPUTS).raise_for_status()
            for event in events:
                if event.event == "transform_chunk":
                    latencies.append((time.perf_counter() - started) * 1000)
                    break
    return latencies


def run(runs: int, chunk_delay_ms: float) -> str:
    with tempfile.TemporaryDirectory() as data_dir:
        system = start_system(Path(data_dir), chunk_delay_ms=chunk_delay_ms)
        try:
            cpu_before = {name: tree_cpu_seconds(p.pid) for name, p in system.processes.items()}
            direct = asyncio.run(direct_first_token(system.model_url, runs))
            through = system_first_token(system, runs)
            cpu = {name: tree_cpu_seconds(p.pid) - cpu_before[name] for name, p in system.processes.items()}
        finally:
            system.stop()
    rows = []
    for label, values in (("direct to the model (baseline)", direct), ("through the system", through)):
        s = summary(values)
        rows.append([label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
    added = summary(through)["p50"] - summary(direct)["p50"]
    cpu_rows = [[name, f"{seconds:.2f}"] for name, seconds in sorted(cpu.items(), key=lambda kv: -kv[1])]
    return "\n\n".join(
        [
            f"First-token latency, ms ({runs} runs each, demo model chunk delay {chunk_delay_ms:g} ms)",
            table(["path", "n", "p50", "p95", "p99", "max"], rows),
            f"Added by the system at p50: {added:.1f} ms",
            "CPU seconds per process over the whole run",
            table(["process", "cpu s"], cpu_rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--chunk-delay-ms", type=float, default=5.0)
    args = parser.parse_args()
    print(run(args.runs, args.chunk_delay_ms))


if __name__ == "__main__":
    main()
