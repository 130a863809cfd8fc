"""Tokens through the whole system — model → llm-worker → NATS → gateway → SSE client — against the direct
baseline, one FastAPI process streaming the same model straight to SSE with no broker (`bench.direct`).

Throughput: 1, 50 and 200 streams started at once, the model at full speed; chunk events per second arriving at
the SSE clients, one token per event (coalescing off), against the baseline; at 200 streams also with 1 llm-worker
instead of 2, and with the default 3 ms coalescing.
Latency: at 1, 50 and 200 concurrent streams with the model pacing its tokens; each token's send time is recorded
at the model and its arrival at the SSE client (and, through the system, at a plain NATS subscriber, which splits
the time into the worker's part and the gateway's).

    python -m bench.pipeline [--streams 1,50,200 --workflow outline --levels 1,50,200 --token-ms 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from tests.support.ports import free_port, wait_for_port
from tests.support.system import RunningSystem

from .pipeline_system import (
    BRAINSTORM,
    CLIENTS,
    OUTLINE,
    Streams,
    Workflow,
    model_sends,
    pipeline_system,
    rates,
    set_workers,
    slow_model,
)
from .sse_client import stream_events
from .stats import summary, table, tree_cpu_seconds

WATCHED = 50
Chunks = dict[str, list[tuple[int, float, str]]]
"""marker → (index, arrival, delta) of each chunk received."""


class Direct:
    """The broker-less baseline process and its clients."""

    def __init__(self, system: RunningSystem) -> None:
        self.system = system
        self.port = free_port()
        argv = [sys.executable, "-m", "bench.direct", "--port", str(self.port), "--model-url", system.model_url]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_for_port(self.port)
        self.cpu: dict[str, float] = {}
        self.wall = 0.0

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def run(self, template: str, markers: list[str]) -> Chunks:
        model = self.system.processes["demo-model"].pid
        before = (tree_cpu_seconds(self.process.pid), tree_cpu_seconds(model), time.process_time())
        started = time.monotonic()
        found = asyncio.run(self._streams(template, markers))
        self.wall = time.monotonic() - started
        after = (tree_cpu_seconds(self.process.pid), tree_cpu_seconds(model), time.process_time())
        names = ("direct (FastAPI → SSE)", "demo-model", CLIENTS)
        self.cpu = {name: b - a for name, a, b in zip(names, before, after, strict=True)}
        return found

    async def _streams(self, template: str, markers: list[str]) -> Chunks:
        found: Chunks = {marker: [] for marker in markers}

        def watcher(marker: str) -> Any:
            def on_event(_: int, event: str, data: dict[str, Any], __: float) -> bool:
                if event == "transform_chunk":
                    found[marker].append((data["index"], time.time(), data["delta"]))
                return event == "done"

            return on_event

        await asyncio.gather(
            *(stream_events("127.0.0.1", self.port, f"/stream/{template}/{m}", "-", watcher(m)) for m in markers)
        )
        return found


def token_latencies(chunks: list[tuple[int, float, str]], sends: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """For each token the model sent: the chunk that carried it and how long until it arrived (ms)."""
    ends, offset = [], 0
    for index, at, delta in sorted(chunks):
        offset += len(delta)
        ends.append((offset, index, at))
    found, position = [], 0
    for chars_end, sent_at in sends:
        while position < len(ends) and ends[position][0] < chars_end:
            position += 1
        if position == len(ends):
            break
        _, index, at = ends[position]
        found.append((index, (at - sent_at) * 1000))
    return found


def model_tokens(system: RunningSystem, template: str) -> tuple[int, int]:
    """Tokens the model sent for `template` since its log was cleared, and the requests that asked for them."""
    requests = [
        r for r in httpx.get(f"{system.model_url}/_demo/requests", timeout=30).json() if r["template"] == template
    ]
    return sum(r["chunksSent"] for r in requests), len(requests)


def throughput_direct(direct: Direct, streams: int, workflow: Workflow) -> dict[str, Any]:
    httpx.delete(f"{direct.system.model_url}/_demo/requests", timeout=10).raise_for_status()
    found = direct.run(workflow.template, [f"d{uuid.uuid4().hex[:6]}x{i}" for i in range(streams)])
    arrivals = [at for chunks in found.values() for _, at, _ in chunks]
    window = max(arrivals) - min(arrivals)
    tokens, requests = model_tokens(direct.system, workflow.template)
    return {
        **rates(arrivals),
        "tokens": tokens / window,
        "events": len(arrivals),
        "cpu": direct.cpu,
        "requests": requests,
    }


def throughput_system(system: RunningSystem, streams: int, workflow: Workflow) -> dict[str, Any]:
    httpx.delete(f"{system.model_url}/_demo/requests", timeout=10).raise_for_status()
    run = Streams(system, streams, workflow, f"t{uuid.uuid4().hex[:6]}x")
    asyncio.run(run.run())
    arrivals = [at for at, _ in run.sse.values()]
    window = max(arrivals) - min(arrivals)
    tokens, requests = model_tokens(system, workflow.template)
    return {**rates(arrivals), "tokens": tokens / window, "events": len(arrivals), "cpu": run.cpu, "requests": requests}


def latency_direct(direct: Direct, streams: int, token_ms: float) -> dict[str, list[float]]:
    slow_model(direct.system, streams, token_ms)
    markers = [f"timedd{uuid.uuid4().hex[:6]}x{i}" for i in range(streams)]
    found = direct.run(BRAINSTORM.template, markers)
    sends = model_sends(direct.system)
    latencies = [ms for m in markers for _, ms in token_latencies(found[m], sends.get(m, []))]
    return {"direct": latencies, "direct_cores": [sum(direct.cpu.values()) / direct.wall]}


def latency_system(system: RunningSystem, streams: int, token_ms: float) -> dict[str, list[float]]:
    """Through the system; up to `WATCHED` streams a plain NATS subscriber also sees every chunk, which splits the
    time into the worker's part and the gateway's (above that its own load would weigh on what it measures)."""
    slow_model(system, streams, token_ms)
    watched = streams <= WATCHED
    run = Streams(system, streams, BRAINSTORM, f"timeds{uuid.uuid4().hex[:6]}x", watch_nats=watched)
    asyncio.run(run.run())
    sends = model_sends(system)
    found: dict[str, list[float]] = defaultdict(list)
    found["system_cores"] = [sum(run.cpu.values()) / run.wall]
    for execution_id, marker in run.executions.items():
        chunks = run.chunks_of(execution_id)
        gateway = {i: (at - run.nats[(execution_id, i)]) * 1000 for i, at, _ in chunks} if watched else {}
        found["gateway"] += gateway.values()
        for index, ms in token_latencies(chunks, sends.get(marker, [])):
            found["sse"].append(ms)
            if watched:
                found["nats"].append(ms - gateway[index])
    return found


def run(
    streams: tuple[int, ...] = (1, 50, 200),
    levels: tuple[int, ...] = (1, 50, 200),
    token_ms: float = 20.0,
    workflow: str = "outline",
) -> str:
    """Throughput at each of `streams` (the direct baseline against the system with 2 workers, one token per
    event; at the largest, also 1 worker and the default coalescing), then latency at each of `levels`."""
    chosen = OUTLINE if workflow == "outline" else BRAINSTORM
    most = max(streams)
    flows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as data_dir:
        system = pipeline_system(Path(data_dir))
        direct = Direct(system)
        try:
            set_workers(system, 2, coalesce_ms=0)
            for count in streams:
                flows[f"{count} | direct baseline (FastAPI → SSE, no broker)"] = throughput_direct(
                    direct, count, chosen
                )
                flows[f"{count} | system, 2 llm-workers"] = throughput_system(system, count, chosen)
            set_workers(system, 1, coalesce_ms=0)
            flows[f"{most} | system, 1 llm-worker"] = throughput_system(system, most, chosen)
            set_workers(system, 2, coalesce_ms=3)
            flows[f"{most} | system, 2 llm-workers, 3 ms coalescing (default)"] = throughput_system(
                system, most, chosen
            )
            latencies = {
                level: {**latency_direct(direct, level, token_ms), **latency_system(system, level, token_ms)}
                for level in levels
            }
        finally:
            direct.stop()
            system.stop()
    return report(chosen, token_ms, flows, latencies)


def counts(found: dict[str, Any]) -> tuple[int, int, str]:
    """Events, model requests and CPU seconds over every process, of one throughput run."""
    return found["events"], found["requests"], f"{sum(found['cpu'].values()):.1f}"


def report(
    workflow: Workflow,
    token_ms: float,
    flows: dict[str, dict[str, Any]],
    latencies: dict[int, dict[str, list[float]]],
) -> str:
    rows = [
        [*label.split(" | "), *(f"{r[k]:.0f}" for k in ("rate", "steady", "tokens")), *counts(r)]
        for label, r in flows.items()
    ]
    names = sorted({name for r in flows.values() for name in r["cpu"]})
    cpu_rows = [[name, *(f"{r['cpu'].get(name, 0):.1f}" for r in flows.values())] for name in names]
    latency_rows: list[list[object]] = []
    for level, found in latencies.items():
        direct, system = summary(found["direct"]), summary(found["sse"])
        for label, s in (
            ("direct baseline: model → SSE client", direct),
            ("system: model → SSE client", system),
            ("  of which model → NATS subscriber (worker + bus)", summary(found.get("nats", []))),
            ("  of which NATS subscriber → SSE client (gateway), per chunk", summary(found.get("gateway", []))),
        ):
            if s["n"]:
                latency_rows.append([level, label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
        added = [system[p] - direct[p] for p in ("p50", "p95", "p99", "max")]
        latency_rows.append([level, "**added by the system** (system − direct, per percentile)", "", *added])
    cores = os.cpu_count()
    busy_rows = [
        [level, f"{found['direct_cores'][0]:.2f}", f"{found['system_cores'][0]:.2f}"]
        for level, found in latencies.items()
    ]
    return "\n\n".join(
        [
            f"Throughput: {workflow.id} streams started at once, the model at full speed, 1 gateway; chunk events "
            "per second at the SSE clients (steady: the middle 80% of the events); one token per event unless "
            "coalescing is named",
            table(
                ["streams", "run", "events/s", "steady", "model tokens/s", "events", "model requests", "CPU s, all"],
                rows,
            ),
            "(More model requests than streams means attempts were retried: a retried attempt streams again.)",
            "CPU seconds per process during each run (same order as the rows above)",
            table(["process", *(f"run {i + 1}" for i in range(len(flows)))], cpu_rows),
            f"Latency of each token from the model's send to the SSE client, ms (brainstorming; the model sends a "
            f"token every {token_ms:g} ms per stream; the system coalesces with its default 3 ms window)",
            table(["streams", "path", "n", "p50", "p95", "p99", "max"], latency_rows),
            f"CPU busy during the latency runs, cores of {cores} (every process, the model and the clients included): "
            "when it nears the machine's cores, tokens queue for CPU in the baseline and the system alike",
            table(["streams", "direct baseline", "system"], busy_rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--streams", default="1,50,200", help="stream counts of the throughput runs")
    parser.add_argument("--workflow", choices=("outline", "brainstorming"), default="outline")
    parser.add_argument("--levels", default="1,50,200")
    parser.add_argument("--token-ms", type=float, default=20.0)
    args = parser.parse_args()
    levels = tuple(int(level) for level in args.levels.split(","))
    streams = tuple(int(count) for count in args.streams.split(","))
    print(run(streams, levels, args.token_ms, args.workflow))


if __name__ == "__main__":
    main()
