"""The running system prepared for the pipeline benchmark: the demo model wrapped to record when it sends each
token, a second llm-worker, and `Streams`, N executions started together and watched by one SSE client each
(and, for the latency runs, by a plain NATS subscriber on the execution subjects)."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.types import Message, Receive, Scope, Send

from scriptwriter.contracts import subjects
from scriptwriter.demo_model.server import DemoModel
from scriptwriter.devstack.processes import ProcessSpec
from scriptwriter.servicekit.adapters.nats_bus import connect
from tests.support.system import RunningSystem, start_system

from .sse_client import stream_events
from .stats import tree_cpu_seconds

WORKERS = ("llm-worker", "llm-worker-2")
CLIENTS = "bench clients (this process)"
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
        "demo-model", [sys.executable, "-m", "bench.pipeline_system", "--serve-model", port]
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


def set_workers(system: RunningSystem, count: int, coalesce_ms: float) -> None:
    """Restart the workers with this coalescing window, `count` of them running."""
    for name in WORKERS:
        if name in system.processes:
            system.stop_process(name)
    asyncio.run(_workers_pulling(system, 0))  # the stopped workers' pull requests have expired
    for name in WORKERS[:count]:
        system.specs[name].env["LLM_WORKER_COALESCE_MS"] = f"{coalesce_ms:g}"
        system.start_process(name)
    asyncio.run(_workers_pulling(system, count))


async def _workers_pulling(system: RunningSystem, count: int, timeout_s: float = 60) -> None:
    """Until exactly `count` workers wait for jobs (each keeps one pull request open), so none starts late."""
    nc = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "bench", 10)
    try:
        js = nc.jetstream()
        deadline = time.monotonic() + timeout_s
        while (await js.consumer_info(subjects.JOBS_STREAM, subjects.LLM_WORKERS_CONSUMER)).num_waiting != count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{count} llm-workers are not pulling jobs")
            await asyncio.sleep(0.05)
    finally:
        await nc.close()


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

    def __init__(
        self, system: RunningSystem, streams: int, workflow: Workflow, tag: str, watch_nats: bool = False
    ) -> None:
        self.system, self.streams, self.workflow, self.tag = system, streams, workflow, tag
        self.watch_nats = watch_nats
        self.timeout_s = 600.0
        self.sse: dict[tuple[str, int], tuple[float, str]] = {}
        self.nats: dict[tuple[str, int], float] = {}
        self.executions: dict[str, str] = {}  # execution id → marker
        self.cpu: dict[str, float] = {}
        self.wall = 0.0

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

            if self.watch_nats:
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
            cpu_before[CLIENTS] = time.process_time()
            started = time.monotonic()
            submitted = await asyncio.gather(
                *(
                    http.post(f"/api/workflow/execution/{e}/input/{workflow.form}", json=self._form(marker))
                    for e, marker in self.executions.items()
                )
            )
            for response in submitted:
                response.raise_for_status()
            await asyncio.wait_for(asyncio.gather(*clients), self.timeout_s)
            self.cpu = {name: tree_cpu_seconds(p.pid) - cpu_before[name] for name, p in system.processes.items()}
            self.cpu[CLIENTS] = time.process_time() - cpu_before[CLIENTS]
            self.wall = time.monotonic() - started
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

    def chunks_of(self, execution_id: str) -> list[tuple[int, float, str]]:
        """(index, arrival, delta) of each chunk an SSE client received for this execution, in order."""
        return sorted((index, at, delta) for (e, index), (at, delta) in self.sse.items() if e == execution_id)


def model_sends(system: RunningSystem) -> dict[str, list[tuple[int, float]]]:
    sends = httpx.get(f"{system.model_url}/_bench/sends", timeout=30).json()
    return {marker: [(int(chars), float(at)) for chars, at in times] for marker, times in sends.items()}


def slow_model(system: RunningSystem, streams: int, token_ms: float) -> None:
    fault = {"template": "brainstorming", "kind": "slow", "delayS": token_ms / 1000, "count": streams}
    httpx.post(f"{system.model_url}/_demo/faults", json={"faults": [fault]}, timeout=10).raise_for_status()


def rates(arrivals: list[float]) -> dict[str, float]:
    """Events per second over the whole run (first event to last) and in the steady state (the middle 80% of the
    events, without the start and end of the run)."""
    times = sorted(arrivals)
    low, high = len(times) // 10, len(times) * 9 // 10
    return {"rate": (len(times) - 1) / (times[-1] - times[0]), "steady": (high - low) / (times[high] - times[low])}


if __name__ == "__main__":
    serve_model(int(sys.argv[sys.argv.index("--serve-model") + 1]))
