"""Streams interrupted mid-way, with two llm-workers on the shared job queue.

Killed: `kill -9` the worker holding a stream at a random moment, 20 times; the other worker (or the restarted one)
takes the job within the short ack wait, every node completes once, and the store holds exactly the expected
artifacts, counted against the demo model's own request log. Cancelled: a cancel closes the model's HTTP stream at
once (measured at the model), whichever worker holds it and from whichever connection it comes (also after a
refresh); the partial text is saved, the node and the execution end cancelled, and no chunk follows the node's end.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg

from bench.stats import percentile
from scriptwriter.contracts import subjects
from scriptwriter.devstack.processes import ProcessSpec
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, connect
from scriptwriter.servicekit.store_client import StoreClient
from tests.support.async_sse import sse_events
from tests.support.sse import SseEvent
from tests.support.system import RunningSystem, start_system

pytestmark = pytest.mark.e2e

INPUTS = {"genrePaths": [["女频", "其他类型", "复仇"]], "numberOfIdeas": 3}
NODE = "generate_ideas"
WORKERS = ("llm-worker", "llm-worker-2")
RUNS = 20
SEED = random.randrange(1 << 30)


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("chaos")), chunk_delay_ms=3)
    try:
        running.stop_process("llm-worker")
        first = running.specs["llm-worker"]
        first.env["LLM_WORKER_ACK_WAIT_S"] = "1"
        running.specs["llm-worker-2"] = ProcessSpec("llm-worker-2", list(first.argv), dict(first.env))
        for name in WORKERS:
            running.start_process(name)
        yield running
    finally:
        running.stop()


async def until(condition: Callable[[], Any], timeout_s: float = 10.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout_s
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {timeout_s} s")
        await asyncio.sleep(0.005)
    return found


@dataclass
class Writer:
    """A signed-in writer, the live events of all their executions (a plain NATS subscription) and the store."""

    system: RunningSystem
    http: httpx.AsyncClient
    user_id: str
    store: StoreClient
    starts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    chunks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    finishes: dict[str, str] = field(default_factory=dict)
    reports: dict[str, str] = field(default_factory=dict)

    async def on_event(self, msg: Msg) -> None:
        envelope = json.loads(msg.data)
        data = envelope["data"]
        if envelope["event"] == "workflow_node_start" and data["nodeId"] == NODE:
            self.starts.setdefault(data["executionId"], []).append(data)
        elif envelope["event"] == "transform_chunk":
            self.chunks.setdefault(data["transformId"], []).append(data)
        elif envelope["event"] == "workflow_progress" and data["nodeId"] == NODE:
            self.outcomes[data["executionId"]] = data["status"]
        elif envelope["event"] in ("workflow_completed", "workflow_failed", "workflow_cancelled"):
            self.finishes[data["executionId"]] = envelope["event"]

    async def on_result(self, msg: Msg) -> None:
        result = json.loads(msg.data)
        self.reports[result["transformId"]] = result["status"]

    async def start(self) -> str:
        created = await self.http.post(
            "/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": INPUTS}
        )
        assert created.status_code == 201, created.text
        return str(created.json()["executionId"])

    async def streaming(self, execution_id: str, chunks: int) -> str:
        """The transform of the execution's latest attempt, once it has published `chunks` chunks."""

        def ready() -> str | None:
            started = self.starts.get(execution_id)
            transform_id = started[-1]["transformId"] if started else None
            return transform_id if transform_id and len(self.chunks.get(transform_id, [])) >= chunks else None

        return str(await until(ready, what=f"{chunks} chunks of {execution_id}"))

    async def worker_of(self, transform_id: str) -> str:
        pid = int((await self.store.get_transform(transform_id, self.user_id))["worker"].rsplit(":", 1)[1])
        [name] = [n for n in WORKERS if n in self.system.processes and self.system.processes[n].pid == pid]
        return name

    async def log_so_far(self, execution_id: str) -> list[SseEvent]:
        """The execution's event log from the start up to now (the event a fresh snapshot is as of)."""
        path = f"/api/workflow/execution/{execution_id}/events"
        async with asyncio.timeout(10), self.http.stream("GET", path) as response:
            snapshot = await anext(sse_events(response))
        assert snapshot.event == "execution_state"
        return await self.log(execution_id, lambda e: e.id >= snapshot.id)

    async def log(self, execution_id: str, done: Callable[[SseEvent], bool]) -> list[SseEvent]:
        """The execution's whole event log, replayed from the start, up to the first event that is `done`."""
        path = f"/api/workflow/execution/{execution_id}/events"
        events: list[SseEvent] = []
        async with asyncio.timeout(30), self.http.stream("GET", path, headers={"Last-Event-ID": "0"}) as response:
            async for event in sse_events(response):
                events.append(event)
                if done(event):
                    return events
        raise AssertionError(f"the log of {execution_id} ended early")

    async def clear_model_requests(self) -> None:
        async with httpx.AsyncClient(base_url=self.system.model_url, timeout=5) as model:
            (await model.delete("/_demo/requests")).raise_for_status()

    async def model_requests(self) -> list[dict[str, Any]]:
        async with httpx.AsyncClient(base_url=self.system.model_url, timeout=5) as model:
            return [r for r in (await model.get("/_demo/requests")).json() if r["template"] == "brainstorming"]


@asynccontextmanager
async def writer_of(system: RunningSystem) -> AsyncIterator[Writer]:
    async with httpx.AsyncClient(base_url=system.base_url, timeout=20) as http:
        registered = await http.post(
            "/api/auth/register", json={"username": f"chaos_{uuid.uuid4().hex[:6]}", "password": "correct horse"}
        )
        http.headers["Authorization"] = f"Bearer {registered.json()['token']}"
        nc: Client = await connect(f"nats://127.0.0.1:{system.settings.nats_port}", "chaos-test", 10)
        try:
            user_id = registered.json()["user"]["id"]
            writer = Writer(system, http, user_id, StoreClient(RpcClient(nc, subjects.STORE_RPC_PREFIX)))
            await nc.subscribe(f"events.{user_id}.>", cb=writer.on_event)
            await nc.subscribe("results.>", cb=writer.on_result)
            yield writer
        finally:
            await nc.close()


def paused_or_finished(event: SseEvent) -> bool:
    waiting = event.event == "user_input_required" and event.data["nodeId"] == "select_idea"
    return waiting or event.event in ("workflow_failed", "workflow_completed", "workflow_cancelled")


async def test_a_worker_killed_mid_stream_loses_and_duplicates_nothing(system: RunningSystem) -> None:
    rng = random.Random(SEED)
    async with writer_of(system) as writer:
        await writer.clear_model_requests()
        executions = []
        for _ in range(RUNS):
            execution_id = await writer.start()
            transform_id = await writer.streaming(execution_id, chunks=rng.randint(1, 60))
            victim = await writer.worker_of(transform_id)
            system.stop_process(victim, signal.SIGKILL)
            system.start_process(victim)
            executions.append(execution_id)
            # The next kill waits for this node, so that no job is killed over and over.
            await until(partial(writer.outcomes.get, execution_id), what=f"{execution_id} taken over")
        logs = await asyncio.gather(*(writer.log(e, paused_or_finished) for e in executions))
        attempts = 0
        for execution_id, log in zip(executions, logs, strict=True):
            progress = [e.data for e in log if e.event == "workflow_progress" and e.data["nodeId"] == NODE]
            assert [p["status"] for p in progress] == ["completed"], f"seed {SEED}: {progress}"
            starts = [e.data for e in log if e.event == "workflow_node_start" and e.data["nodeId"] == NODE]
            assert [s["attempt"] for s in starts] == list(range(1, len(starts) + 1))
            assert len(starts) >= 2, "the kill interrupted the stream, so another attempt finished it"
            attempts += len(starts)
            final = starts[-1]["transformId"]
            ideas = (
                await writer.http.get("/api/artifacts", params={"executionId": execution_id, "type": "brainstorm_idea"})
            ).json()
            assert len(ideas) == 3 and len({i["id"] for i in ideas}) == 3, f"seed {SEED}: {ideas}"
            assert {i["transformId"] for i in ideas} == {final}
            for start in starts[:-1]:
                lost = await writer.store.get_transform(start["transformId"], writer.user_id)
                assert lost["status"] == "failed" and lost["error"]["code"] == "worker_lost"
        requests = await writer.model_requests()
        assert len(requests) == attempts, "one model request per attempt, none repeated behind our back"
        assert all(r["endedAt"] for r in requests), "no request left open by a killed worker"


CANCELS = ["transform"] * 10 + ["execution"] * 5 + ["refresh"] * 5
SLOW = {"faults": [{"template": "brainstorming", "kind": "slow", "delayS": 0.02}]}


async def transform_after_refresh(system: RunningSystem, token: str, execution_id: str) -> str:
    """What a reloaded page learns from its first event on a new connection: the transform that is streaming."""
    async with (
        httpx.AsyncClient(base_url=system.base_url, timeout=20, headers={"Authorization": token}) as browser,
        browser.stream("GET", f"/api/workflow/execution/{execution_id}/events") as response,
    ):
        snapshot = await anext(sse_events(response))
    assert snapshot.event == "execution_state"
    return str(snapshot.data["streamingStates"][NODE]["transformId"])


async def closed_at(model: httpx.AsyncClient, request_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 5
    while True:
        [record] = [r for r in (await model.get("/_demo/requests")).json() if r["id"] == request_id]
        if record["endedAt"] or time.monotonic() > deadline:
            return dict(record)


async def test_cancel_closes_the_model_stream_at_once_whichever_worker_and_connection(system: RunningSystem) -> None:
    rng = random.Random(SEED)
    async with writer_of(system) as writer, httpx.AsyncClient(base_url=system.model_url, timeout=5) as model:
        latencies: list[float] = []
        holders: set[str] = set()
        for mode in CANCELS:
            (await model.post("/_demo/faults", json=SLOW)).raise_for_status()
            execution_id = await writer.start()
            transform_id = await writer.streaming(execution_id, chunks=rng.randint(2, 30))
            [request] = [r for r in (await model.get("/_demo/requests")).json() if r["endedAt"] is None]
            holders.add(await writer.worker_of(transform_id))
            token = writer.http.headers["Authorization"]
            if mode == "refresh":
                assert await transform_after_refresh(system, token, execution_id) == transform_id
            async with httpx.AsyncClient(base_url=system.base_url, timeout=20, headers={"Authorization": token}) as tab:
                sent = time.time()
                if mode == "execution":
                    response = await tab.post(f"/api/workflow/execution/{execution_id}/cancel")
                else:
                    response = await tab.post(f"/api/streaming/cancel/{transform_id}")
                assert response.status_code == 202, response.text
            record = await closed_at(model, request["id"])
            assert record["clientClosed"] and not record["completed"], record
            latencies.append((record["endedAt"] - sent) * 1000)

            assert await until(partial(writer.reports.get, transform_id)) == "cancelled"
            assert await until(partial(writer.finishes.get, execution_id)) == "workflow_cancelled"
            transform = (await writer.http.get(f"/api/transforms/{transform_id}")).json()
            assert transform["status"] == "cancelled"
            stored = (await writer.http.get(f"/api/transforms/{transform_id}/chunks")).json()
            log = await writer.log_so_far(execution_id)
            published = [e for e in log if e.event == "transform_chunk" and e.data["transformId"] == transform_id]
            assert stored and [{"index": e.data["index"], "delta": e.data["delta"]} for e in published] == stored
            [ended] = [e for e in log if e.event == "workflow_progress" and e.data["nodeId"] == NODE]
            assert ended.data["status"] == "cancelled", "the node ends cancelled"
            assert [e.event for e in log if e.id > ended.id and e.event != "transform_chunk"] == ["workflow_cancelled"]
            if mode != "execution":  # the worker's own report ends the node: every chunk came before it
                assert all(e.id < ended.id for e in published)
        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        print(f"\ncancel → model stream closed: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms")
        assert p95 < 500, sorted(latencies)
        assert holders == set(WORKERS), "both workers held streams that were cancelled"
