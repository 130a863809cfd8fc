"""The streaming pipeline, model → llm-worker → NATS → gateway → SSE client, with 2 workers and 1 gateway.

Throughput: many streams started at once with the demo model sending as fast as it can; chunk events per second
arriving at SSE clients, against a plain NATS subscriber on the same subjects in the same process (the baseline),
with coalescing on (the default) and off (one token, one event). Latency at 1, 50 and 200 concurrent streams with the
model pacing its tokens: each token's send time is recorded at the model (the demo model wrapped by this module), and
its arrival at the NATS subscriber and at the SSE client; the baseline is the same model read by the worker's own
provider in this process, which is what the worker pays to receive a token.

    python -m bench.pipeline [--streams 100 --workflow outline --levels 1,50,200 --token-ms 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.types import Message, Receive, Scope, Send

from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.demo_model.server import DemoModel
from scriptwriter.devstack.processes import ProcessSpec
from scriptwriter.llm_worker.adapters.openai_provider import OpenAIProvider
from scriptwriter.servicekit.adapters.nats_bus import connect
from tests.support.system import RunningSystem, start_system

from .sse_client import stream_events
from .stats import summary, table, tree_cpu_seconds

WORKERS = ("llm-worker", "llm-worker-2")
TIMED = re.compile(rb"bench-(timed\w+)")
IDEA_INPUTS = {"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 4}


class SendTimes:
    """ASGI wrapper around the demo model: when each content piece was sent, for requests whose prompt holds
    `bench-timed<marker>` (the others pass untouched, so timing costs the model nothing in the throughput runs)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sends: dict[str, list[tuple[int, float]]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/_bench/sends":
            body = json.dumps(self.sends).encode()
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"json")]})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] != "http" or scope["path"] != "/v1/chat/completions":
            await self.app(scope, receive, send)
            return
        first = await receive()
        found = TIMED.search(first.get("body", b""))
        if found is None:
            await self.app(scope, self._replay(first, receive), send)
            return
        times = self.sends.setdefault(found.group(1).decode(), [])
        sent = 0

        async def timed(message: Message) -> None:
            nonlocal sent
            await send(message)
            for line in message.get("body", b"").split(b"\n") if message["type"] == "http.response.body" else ():
                if line.startswith(b"data: {"):
                    choices = json.loads(line[6:])["choices"]
                    if piece := choices and choices[0]["delta"].get("content"):
                        sent += len(piece)
                        times.append((sent, time.time()))

        await self.app(scope, self._replay(first, receive), timed)

    @staticmethod
    def _replay(first: Message, receive: Receive) -> Receive:
        replayed = False

        async def again() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return first
            return await receive()

        return again


def serve_model(port: int) -> None:
    uvicorn.run(SendTimes(DemoModel(chunk_delay_s=0).app()), host="127.0.0.1", port=port, log_level="warning")


def pipeline_system(data_dir: Path) -> RunningSystem:
    """The whole system with the timestamping model in place of the demo model and a second worker."""
    system = start_system(data_dir, chunk_delay_ms=0)
    system.stop_process("demo-model")
    port = str(system.settings.demo_model_port)
    system.specs["demo-model"] = ProcessSpec(
        "demo-model", [sys.executable, "-m", "bench.pipeline", "--serve-model", port]
    )
    system.start_process("demo-model")
    first = system.specs["llm-worker"]
    system.specs["llm-worker-2"] = ProcessSpec("llm-worker-2", list(first.argv), dict(first.env))
    system.start_process("llm-worker-2")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{system.model_url}/_bench/sends", timeout=1).raise_for_status()
            return system
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the timestamping model did not start")


def restart_workers(system: RunningSystem, env: dict[str, str]) -> None:
    for name in WORKERS:
        system.stop_process(name)
        system.specs[name].env.update(env)
        system.start_process(name)


@dataclass(frozen=True)
class Workflow:
    """How a bench stream runs: the human node submitted to start it and the llm node that streams."""

    id: str
    form: str
    node: str
    template: str


BRAINSTORM = Workflow("brainstorming", "collect_requirements", "generate_ideas", "brainstorming")
OUTLINE = Workflow("outline", "configure_outline", "generate_outline", "outline")


class Streams:
    """N executions started at once, each watched by one SSE client and by one plain NATS subscription; every
    request to the model carries `bench-<marker>` in its prompt, so the model's send times can be matched."""

    def __init__(self, system: RunningSystem, streams: int, workflow: Workflow, tag: str) -> None:
        self.system, self.streams, self.workflow, self.tag = system, streams, workflow, tag
        self.sse: dict[tuple[str, int], tuple[float, str]] = {}
        self.nats: dict[tuple[str, int], float] = {}
        self.executions: dict[str, str] = {}  # execution id → marker
        self.cpu: dict[str, float] = {}

    async def run(self) -> None:
        system, workflow = self.system, self.workflow
        async with httpx.AsyncClient(base_url=system.base_url, timeout=60) as http:
            user = f"bench_{self.tag}_{time.monotonic_ns() % 10**9}"
            registered = (await http.post("/api/auth/register", json={"username": user, "password": "bench pw"})).json()
            http.headers["Authorization"] = f"Bearer {registered['token']}"
            inputs = await self._inputs(http)
            for index in range(self.streams):
                body = {"workflowId": workflow.id, "inputs": inputs}
                created = (await http.post("/api/workflow/execution", json=body)).raise_for_status()
                self.executions[created.json()["executionId"]] = f"{self.tag}{index}"
            nc = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "bench", 10)

            async def on_nats(msg: Any) -> None:
                envelope = json.loads(msg.data)
                if envelope["event"] == "transform_chunk":
                    self.nats[(envelope["data"]["executionId"], envelope["data"]["index"])] = time.time()

            await nc.subscribe(f"events.{registered['user']['id']}.>", cb=on_nats)
            ready = asyncio.Event()
            watching = 0

            def watcher(execution_id: str) -> Any:
                def on_event(event_id: int, event: str, data: dict[str, Any], _: float) -> bool:
                    nonlocal watching
                    if event == "execution_state":
                        watching += 1
                        if watching == self.streams:
                            ready.set()
                    elif event == "transform_chunk":
                        self.sse[(execution_id, data["index"])] = (time.time(), data["delta"])
                    return event in ("workflow_failed", "workflow_cancelled") or (
                        event == "workflow_progress" and data["nodeId"] == workflow.node
                    )

                return on_event

            port, token = system.settings.gateway_port, registered["token"]
            clients = [
                asyncio.create_task(
                    stream_events("127.0.0.1", port, f"/api/workflow/execution/{e}/events", token, watcher(e))
                )
                for e in self.executions
            ]
            await asyncio.wait_for(ready.wait(), 60)
            cpu_before = {name: tree_cpu_seconds(p.pid) for name, p in system.processes.items()}
            submitted = await asyncio.gather(
                *(
                    http.post(f"/api/workflow/execution/{e}/input/{workflow.form}", json=self._form(marker))
                    for e, marker in self.executions.items()
                )
            )
            for response in submitted:
                response.raise_for_status()
            await asyncio.wait_for(asyncio.gather(*clients), 600)
            self.cpu = {name: tree_cpu_seconds(p.pid) - cpu_before[name] for name, p in system.processes.items()}
            await nc.flush()
            await nc.close()

    async def _inputs(self, http: httpx.AsyncClient) -> dict[str, Any] | None:
        """An outline starts from an idea: one brainstorm is made first, outside the measurement."""
        if self.workflow is not OUTLINE:
            return None
        body = {"workflowId": "brainstorming", "inputs": {**IDEA_INPUTS, "requirements": "bench-idea"}}
        brainstorm = (await http.post("/api/workflow/execution", json=body)).raise_for_status().json()["executionId"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            params = {"executionId": brainstorm, "type": "brainstorm_idea"}
            if ideas := (await http.get("/api/artifacts", params=params)).json():
                return {"sourceArtifactId": ideas[0]["id"]}
            await asyncio.sleep(0.05)
        raise TimeoutError("no idea to outline")

    def _form(self, marker: str) -> dict[str, Any]:
        if self.workflow is OUTLINE:
            return {"totalEpisodes": 60, "episodeDuration": 2, "requirements": f"bench-{marker}"}
        return {**IDEA_INPUTS, "requirements": f"bench-{marker}"}

    def rates(self) -> dict[str, float]:
        """Chunk events per second at SSE clients and at the NATS subscriber: over the whole run (first chunk to
        last) and in the steady state (the middle 80% of the events, without the start and end of the run)."""
        found = {}
        for label, times in (("sse", sorted(t for t, _ in self.sse.values())), ("nats", sorted(self.nats.values()))):
            low, high = len(times) // 10, len(times) * 9 // 10
            found[label] = (len(times) - 1) / (times[-1] - times[0])
            found[f"{label}_steady"] = (high - low) / (times[high] - times[low])
        return found


def model_sends(system: RunningSystem) -> dict[str, list[tuple[int, float]]]:
    sends = httpx.get(f"{system.model_url}/_bench/sends", timeout=30).json()
    return {marker: [(int(chars), float(at)) for chars, at in times] for marker, times in sends.items()}


def slow_model(system: RunningSystem, streams: int, token_ms: float) -> None:
    fault = {"template": "brainstorming", "kind": "slow", "delayS": token_ms / 1000, "count": streams}
    httpx.post(f"{system.model_url}/_demo/faults", json={"faults": [fault]}, timeout=10).raise_for_status()


def throughput(system: RunningSystem, streams: int, workflow: Workflow, tag: str) -> dict[str, Any]:
    httpx.delete(f"{system.model_url}/_demo/requests", timeout=10).raise_for_status()
    run = Streams(system, streams, workflow, tag)
    asyncio.run(run.run())
    requests = httpx.get(f"{system.model_url}/_demo/requests", timeout=10).json()
    tokens = sum(r["chunksSent"] for r in requests if r["template"] == workflow.template)
    times = sorted(t for t, _ in run.sse.values())
    window = times[-1] - times[0]
    return {**run.rates(), "tokens": tokens / window, "events": len(times), "window": window, "cpu": run.cpu}


def token_latencies(run: Streams, sends: dict[str, list[tuple[int, float]]]) -> dict[str, list[float]]:
    """Per model token: until the chunk holding it reached the NATS subscriber and the SSE client (ms); per chunk:
    from the NATS subscriber to the SSE client (the gateway's part)."""
    found: dict[str, list[float]] = defaultdict(list)
    for execution_id, marker in run.executions.items():
        chunks = sorted((index, at, delta) for (e, index), (at, delta) in run.sse.items() if e == execution_id)
        ends, offset = [], 0
        for index, at, delta in chunks:
            offset += len(delta)
            ends.append((offset, index, at))
            found["gateway"].append((at - run.nats[(execution_id, index)]) * 1000)
        position = 0
        for chars_end, sent_at in sends.get(marker, []):
            while position < len(ends) and ends[position][0] < chars_end:
                position += 1
            if position == len(ends):
                break
            _, index, at = ends[position]
            found["sse"].append((at - sent_at) * 1000)
            found["nats"].append((run.nats[(execution_id, index)] - sent_at) * 1000)
    return found


async def direct_latencies(system: RunningSystem, streams: int, tag: str) -> list[float]:
    """The same model read by the worker's own provider in this process, with no bus and no gateway: per token,
    from its send at the model to its arrival (ms). This is what the worker pays to receive a token."""
    provider = OpenAIProvider(f"{system.model_url}/v1", None, "demo-model", 120)
    arrivals: dict[str, list[tuple[int, float]]] = {}

    async def one(index: int) -> None:
        marker, received = f"timed{tag}{index}", 0
        times = arrivals.setdefault(marker, [])
        prompt = [ChatMessage(role="user", content=f"请构思 4 个竖屏短剧故事创意。bench-{marker}")]
        async for delta in provider.stream("brainstorming", prompt, 0.8):
            if delta.content:
                received += len(delta.content)
                times.append((received, time.time()))

    await asyncio.gather(*(one(i) for i in range(streams)))
    await provider.close()
    sends = model_sends(system)
    return [
        (at - sent) * 1000
        for marker, times in arrivals.items()
        for (_, at), (_, sent) in zip(times, sends[marker], strict=True)
    ]


def latency(system: RunningSystem, streams: int, token_ms: float) -> dict[str, list[float]]:
    tag = uuid.uuid4().hex[:6]
    slow_model(system, streams, token_ms)
    direct = asyncio.run(direct_latencies(system, streams, f"d{tag}x"))
    slow_model(system, streams, token_ms)
    run = Streams(system, streams, BRAINSTORM, f"timed{tag}x")
    asyncio.run(run.run())
    return {"direct": direct, **token_latencies(run, model_sends(system))}


def run(
    streams: int = 100, levels: tuple[int, ...] = (1, 50, 200), token_ms: float = 20.0, workflow: str = "outline"
) -> str:
    chosen = OUTLINE if workflow == "outline" else BRAINSTORM
    with tempfile.TemporaryDirectory() as data_dir:
        system = pipeline_system(Path(data_dir))
        try:
            coalesced = throughput(system, streams, chosen, "tc")
            restart_workers(system, {"LLM_WORKER_COALESCE_MS": "0"})
            single = throughput(system, streams, chosen, "tu")
            restart_workers(system, {"LLM_WORKER_COALESCE_MS": "3"})
            latencies = {level: latency(system, level, token_ms) for level in levels}
        finally:
            system.stop()
    runs = (("coalescing 3 ms (default)", coalesced), ("coalescing off: one token, one event", single))
    rows = [
        [label, *(f"{r[k]:.0f}" for k in ("sse", "sse_steady", "nats", "nats_steady", "tokens")), r["events"]]
        for label, r in runs
    ]
    cpu_rows = [
        [name, *(f"{r['cpu'][name]:.1f}" for _, r in runs)]
        for name in sorted(coalesced["cpu"], key=lambda n: -coalesced["cpu"][n])
    ]
    paths = (
        ("model → the worker's provider in this process (baseline)", "direct"),
        ("model → NATS subscriber (worker + bus)", "nats"),
        ("model → SSE client (whole path)", "sse"),
        ("NATS subscriber → SSE client (the gateway), per chunk", "gateway"),
    )
    latency_rows: list[list[object]] = []
    for level, found in latencies.items():
        for label, key in paths:
            s = summary(found[key])
            latency_rows.append([level, label, int(s["n"]), s["p50"], s["p95"], s["p99"], s["max"]])
        receive = summary(found["direct"])["p50"]
        s = summary([ms - receive for ms in found["sse"]])
        row = [level, "added after the worker has a token: SSE client − baseline p50", int(s["n"])]
        latency_rows.append([*row, s["p50"], s["p95"], s["p99"], s["max"]])
    headers = ["worker", "at SSE clients", "steady", "at NATS (baseline)", "steady", "model tokens/s", "events"]
    return "\n\n".join(
        [
            f"Pipeline throughput: {streams} {chosen.id} streams started at once, the model at full speed, "
            "2 llm-workers, 1 gateway; chunk events per second (steady: the middle 80% of the events)",
            table(headers, rows),
            "CPU seconds per process, from the first submit to the last SSE client done",
            table(["process", *(label for label, _ in runs)], cpu_rows),
            f"Latency of each token, ms (brainstorming; the model sends a token every {token_ms:g} ms per stream)",
            table(["streams", "path", "n", "p50", "p95", "p99", "max"], latency_rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve-model", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--workflow", choices=("outline", "brainstorming"), default="outline")
    parser.add_argument("--levels", default="1,50,200")
    parser.add_argument("--token-ms", type=float, default=20.0)
    args = parser.parse_args()
    if args.serve_model:
        serve_model(args.serve_model)
        return
    levels = tuple(int(level) for level in args.levels.split(","))
    print(run(args.streams, levels, args.token_ms, args.workflow))


if __name__ == "__main__":
    main()
