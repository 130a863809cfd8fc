"""Executions streaming through the real system while an llm-worker and the orchestrator are killed (`kill -9`),
and the artifact-store, the gateway and nats-server itself are restarted. Afterwards: every execution finished
(completed, or failed visibly), no SSE client lost or repeated an event, no duplicate artifact, no lost draft, and
the model requests counted at the fake model match the attempts the engine recorded.

`make test` runs the short version; `make chaos` the long one (CHAOS_SCALE=long: 50 executions)."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.sse import SseEvent, SseStream
from tests.support.system import RunningSystem, start_system

from .chaos import monkey
from .client import Follower, call

pytestmark = pytest.mark.chaos

LONG = os.environ.get("CHAOS_SCALE") == "long"
EXECUTIONS = 50 if LONG else 8
STAGGER_S = 0.6 if LONG else 1.0
INPUTS = {"genrePaths": [["女频", "爱情类", "甜宠"]], "numberOfIdeas": 3}


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("chaos")), chunk_delay_ms=15)
    yield running
    running.stop()


def asking_to_select(event: SseEvent) -> bool:
    if event.event == "execution_state":
        return "select_idea" in event.data["pendingInputs"]
    return event.event == "user_input_required" and event.data["nodeId"] == "select_idea"


def finished(event: SseEvent) -> bool:
    if event.event == "execution_state":
        return event.data["execution"]["status"] in ("completed", "failed")
    return event.event in ("workflow_completed", "workflow_failed")


def ideas_of(event: SseEvent) -> list[dict[str, Any]]:
    pending = event.data["pendingInputs"]["select_idea"] if event.event == "execution_state" else event.data
    return list(pending["initialData"]["ideas"])


async def writer(client: httpx.AsyncClient, index: int) -> dict[str, Any]:
    await asyncio.sleep(index * STAGGER_S)
    created = await call(
        client, "POST", "/api/workflow/execution", (201,), json={"workflowId": "brainstorming", "inputs": INPUTS}
    )
    follower = Follower(client, created.json()["executionId"])
    ideas = ideas_of(await follower.until(asking_to_select, 180))
    base = f"/api/workflow/execution/{follower.execution_id}/input/select_idea"
    draft = {"selectedIdeaId": ideas[0]["artifactId"], "title": f"草稿{index}"}
    await call(client, "PUT", base, (200,), json=draft)
    saved = (await call(client, "GET", base, (200,))).json()
    submitted = {"selectedIdeaId": ideas[1]["artifactId"], "title": f"定稿{index}"}
    await call(client, "POST", base, (202, 409), json=submitted)
    end = await follower.until(finished, 180)
    return {"follower": follower, "draft": draft, "saved": saved, "submitted": submitted, "end": end}


async def run_all(system: RunningSystem, token: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    limits = httpx.Limits(max_connections=EXECUTIONS * 3)
    async with httpx.AsyncClient(
        base_url=system.base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=httpx.Timeout(30, read=20),
        limits=limits,
    ) as client:
        stop = asyncio.Event()
        chaos = asyncio.create_task(monkey(system, stop, seed=11, every_s=(1.0, 2.5) if LONG else (1.5, 2.5)))
        try:
            results = await asyncio.gather(*(writer(client, i) for i in range(EXECUTIONS)))
        finally:
            stop.set()
            done = await chaos
    return list(results), dict(done)


def test_executions_survive_restarts_of_every_component(system: RunningSystem) -> None:
    admin = httpx.Client(base_url=system.base_url, timeout=30)
    token = admin.post(
        "/api/auth/register", json={"username": f"chaos_{uuid.uuid4().hex[:6]}", "password": "chaos password"}
    ).json()["token"]
    admin.headers["Authorization"] = f"Bearer {token}"
    requests_before = httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0)
    started = time.monotonic()
    results, restarts = asyncio.run(run_all(system, token))
    elapsed = time.monotonic() - started

    starts = 0
    completed = 0
    for result in results:
        follower: Follower = result["follower"]
        execution_id = follower.execution_id
        assert result["end"].event in ("workflow_completed", "workflow_failed", "execution_state")
        with admin.stream(
            "GET", f"/api/workflow/execution/{execution_id}/events", headers={"Last-Event-ID": "0"}
        ) as response:
            log = SseStream(response.iter_lines()).until(finished, 60)
        seen = [e for e in follower.events if e.event != "execution_state"]
        snapshot_ids = [e.id for e in follower.events if e.event == "execution_state"]
        expected = [e for e in log if not snapshot_ids or e.id > snapshot_ids[0]]
        assert [e.id for e in seen] == [e.id for e in expected], f"{execution_id}: lost or reordered events"
        assert [e.data for e in seen] == [e.data for e in expected]
        assert follower.duplicates == 0, "an event was sent again after Last-Event-ID"
        status = admin.get(f"/api/workflow/execution/{execution_id}").json()["execution"]["status"]
        assert status in ("completed", "failed"), f"{execution_id} is stuck in {status}"
        completed += status == "completed"
        ideas = admin.get("/api/artifacts", params={"executionId": execution_id, "type": "brainstorm_idea"}).json()
        assert len({i["id"] for i in ideas}) == len(ideas) == 3
        assert result["saved"]["data"] == result["draft"], "a saved draft was lost"
        final = admin.get(f"/api/workflow/execution/{execution_id}/input/select_idea").json()
        assert final["submitted"] and final["data"]["title"] == result["submitted"]["title"]
        starts += sum(1 for e in log if e.event == "workflow_node_start" and e.data["nodeId"] == "generate_ideas")
    requests = httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0) - requests_before
    kills = restarts.get("llm-worker", 0) + restarts.get("nats", 0)
    print(
        f"\nchaos: {EXECUTIONS} executions in {elapsed:.0f}s, {completed} completed, restarts {restarts}, "
        f"{starts} attempts recorded, {requests} model requests, "
        f"{sum(r['follower'].reconnects for r in results)} SSE reconnects, "
        f"{sum(r['follower'].duplicates for r in results)} repeated events dropped by id"
    )
    assert completed == EXECUTIONS
    assert requests <= starts <= requests + kills, "model requests do not match the attempts recorded"
    assert set(restarts) == {"llm-worker", "orchestrator", "artifact-store", "gateway", "nats"}
