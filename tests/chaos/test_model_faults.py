"""Model faults under load: brainstorming executions stream through the running system while the demo model
answers with 429 storms, 5xx, hangs past the worker's request timeout, dropped connections, output cut off by
`finish_reason: length`, prose that no repair makes JSON, and permanent 4xx refusals.

The demo model cannot aim a fault at an execution: its queue hands faults, in order, to whichever request of the
template comes next. The run is built so the outcomes are still exact (see `faults_load.fault_plan`):

- wave 1 queues P permanent faults, then 3·X retryable ones, and starts P+X executions. The first P requests can
  only be first attempts (nothing has failed retryably before them), so P executions fail permanently after one
  attempt; the other X make exactly 3 requests each, all faulted, and fail with `retryable: true`;
- once wave 1 has consumed its faults (none of its requests is left to come), wave 2 queues a 429 storm followed
  by a shuffled mix and starts W executions. Its queue provably drains (see the plan), so exactly its Q permanent
  faults each fail one execution; every other one fails only if it met 3 retryable faults, and completes otherwise.

Per execution the engine's own record is checked against the rule above (attempts, transforms, events, error,
ideas, the backoff before each retry); over the run, the faults the model handed out (`/_demo/requests`) must
match the transforms' outcomes one for one, and the requests it counted must equal the attempts recorded. Finally
the faults are cleared, and a node that failed permanently and one that used up its retries are rerun and complete.

Half of the 429 storm comes without `Retry-After`: those retries follow the worker's own backoff.
`CHAOS_SCALE=long` runs 50 executions instead of 12.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.system import RunningSystem, start_system

from .faults_load import (
    KIND_CODE,
    MAX_ATTEMPTS,
    NODE,
    PERMANENT_CODES,
    RETRYABLE_CODES,
    TEMPLATE,
    Run,
    asks_selection,
    fault_plan,
    finished,
    follow,
    run_waves,
    select_first_idea,
    served_kind,
)

LONG = os.environ.get("CHAOS_SCALE") == "long"
REQUEST_TIMEOUT_S = 2.0
RETRY_BASE_S = 0.2
RETRY_AFTER_S = 1.0
"""What the demo model's 429 asks for."""
RUN_TIMEOUT_S = 240.0 if LONG else 60.0

pytestmark = [pytest.mark.chaos, pytest.mark.timeout(600 if LONG else 120)]


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("model_faults")), chunk_delay_ms=5)
    try:
        running.stop_process("llm-worker")
        running.specs["llm-worker"].env.update(
            {"LLM_WORKER_REQUEST_TIMEOUT_S": str(REQUEST_TIMEOUT_S), "LLM_WORKER_RETRY_BASE_S": str(RETRY_BASE_S)}
        )
        running.start_process("llm-worker")
        yield running
    finally:
        running.stop()


@pytest.fixture
def api(system: RunningSystem) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=system.base_url, timeout=30) as client:
        username = f"faults_{uuid.uuid4().hex[:6]}"
        registered = client.post("/api/auth/register", json={"username": username, "password": "chaos password"})
        assert registered.status_code == 201, registered.text
        client.headers["Authorization"] = f"Bearer {registered.json()['token']}"
        yield client


@pytest.fixture
def model(system: RunningSystem) -> Iterator[httpx.Client]:
    """The demo model's control API, with no fault queued and an empty request log."""
    with httpx.Client(base_url=system.model_url, timeout=10) as control:
        control.delete("/_demo/faults").raise_for_status()
        control.delete("/_demo/requests").raise_for_status()
        yield control
        control.delete("/_demo/faults").raise_for_status()


@dataclass(frozen=True)
class Outcome:
    code: str
    """`completed`, or the code of the error the node failed with."""
    transforms: list[dict[str, Any]]
    """The node's llm transforms, one per attempt."""

    @property
    def attempts(self) -> int:
        return len(self.transforms)


def seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def check_execution(api: httpx.Client, run: Run) -> Outcome:
    """Check one execution against the rules of retries and failures, from what the engine recorded."""
    eid = run.execution_id
    snapshot = api.get(f"/api/workflow/execution/{eid}").json()
    status, node = snapshot["execution"]["status"], snapshot["nodeStates"][NODE]
    assert status in ("completed", "failed"), f"{eid} is stuck in {status}"
    transforms = [t for t in api.get("/api/transforms", params={"executionId": eid}).json() if t["type"] == "llm"]
    assert {t["nodeId"] for t in transforms} == {NODE}
    attempts = [t["attempt"] for t in transforms]
    assert attempts == list(range(1, len(transforms) + 1)) and len(transforms) <= MAX_ATTEMPTS, (eid, attempts)
    assert [(s["attempt"], s["transformId"]) for s in run.of("workflow_node_start")] == [
        (t["attempt"], t["id"]) for t in transforms
    ], "each attempt is announced once, as its own transform"
    for transform in transforms:
        indexes = [c["index"] for c in run.of("transform_chunk") if c["transformId"] == transform["id"]]
        assert indexes == list(range(len(indexes))), f"{transform['id']}: chunk indexes with gaps"
    *earlier, last = transforms
    for transform, retry in zip(earlier, transforms[1:], strict=True):
        error = transform["error"]
        assert transform["status"] == "failed" and error["code"] in RETRYABLE_CODES, transform
        assert error["retryable"] is True and error["message"]
        backoff = RETRY_BASE_S * 2 ** (transform["attempt"] - 1)  # a 429's Retry-After is checked over the run
        waited = seconds(retry["createdAt"]) - seconds(transform["completedAt"])
        assert waited >= backoff - 0.05, f"{transform['id']}: retried after {waited:.2f}s, not {backoff}s"
    [progress] = run.of("workflow_progress")
    [end] = [e for e in run.events if finished(e)]
    ideas = api.get("/api/artifacts", params={"executionId": eid, "type": "brainstorm_idea"}).json()
    if last["status"] == "completed":
        assert status == "completed" and end.event == "workflow_completed", (eid, status, end)
        assert progress["status"] == "completed" and node["status"] == "completed"
        assert last["error"] is None and node["transformId"] == last["id"]
        assert len({i["id"] for i in ideas}) == len(ideas) == run.ideas_wanted, "an idea stored twice, or lost"
        assert sorted(o["artifactId"] for o in last["outputs"]) == sorted(i["id"] for i in ideas)
        return Outcome("completed", transforms)
    error = last["error"]
    assert last["status"] == "failed" and set(error) >= {"code", "message", "retryable"} and error["message"]
    assert status == "failed" and end.event == "workflow_failed", (eid, status, end)
    public = {k: error[k] for k in ("code", "message", "retryable")}
    assert {k: end.data["error"][k] for k in public} == public, "workflow_failed carries the node's error"
    assert progress["status"] == "failed" and progress["error"] == public
    assert node["status"] == "failed" and {k: node["error"][k] for k in public} == public
    if error["retryable"]:
        assert error["code"] in RETRYABLE_CODES and len(transforms) == MAX_ATTEMPTS, "failed with attempts left"
    else:
        assert error["code"] in PERMANENT_CODES, error  # and, being the last attempt, was not retried
    assert ideas == [], "a failed node left ideas behind"
    return Outcome(error["code"], transforms)


def rerun(api: httpx.Client, run: Run) -> None:
    """Rerun the failed node and take the execution to its end."""
    response = api.post(f"/api/workflow/execution/{run.execution_id}/nodes/{NODE}/rerun")
    assert response.status_code == 202, response.text

    async def follow_rerun() -> None:
        async with httpx.AsyncClient(base_url=str(api.base_url), headers=api.headers, timeout=30) as client:
            asked = await follow(client, run, lambda e: asks_selection(e) or finished(e), RUN_TIMEOUT_S)
            assert asks_selection(asked), f"the rerun ended with {asked}"
            assert (await select_first_idea(client, run, asked, RUN_TIMEOUT_S)).event == "workflow_completed"

    asyncio.run(follow_rerun())
    assert api.get(f"/api/workflow/execution/{run.execution_id}").json()["execution"]["status"] == "completed"
    llm = [t for t in api.get("/api/transforms", params={"executionId": run.execution_id}).json() if t["type"] == "llm"]
    [done] = [t for t in llm if t["status"] == "completed"]
    assert all(t["status"] == "failed" and t["error"] for t in llm if t is not done)
    assert run.of("workflow_node_start")[-1]["transformId"] == done["id"], "the rerun is announced as a new attempt"
    ideas = api.get("/api/artifacts", params={"executionId": run.execution_id, "type": "brainstorm_idea"}).json()
    assert len({i["id"] for i in ideas}) == len(ideas) == run.ideas_wanted


def model_requests(model: httpx.Client) -> int:
    return int(model.get("/_demo/stats").json()["requests"].get(TEMPLATE, 0))


def test_model_faults_under_load_end_visibly_and_retry_within_budget(
    system: RunningSystem, api: httpx.Client, model: httpx.Client
) -> None:
    plan = fault_plan(LONG, seed=27)
    requests_before = model_requests(model)
    token = api.headers["Authorization"].removeprefix("Bearer ")
    started = time.monotonic()
    runs = asyncio.run(run_waves(system.base_url, system.model_url, token, plan, RUN_TIMEOUT_S))
    elapsed = time.monotonic() - started

    outcomes = [check_execution(api, run) for run in runs]
    records = [r for r in model.get("/_demo/requests").json() if r["template"] == TEMPLATE]
    requests = model_requests(model) - requests_before
    attempts = sum(o.attempts for o in outcomes)
    completed = [o for o in outcomes if o.code == "completed"]
    print(
        f"\nmodel faults: {len(runs)} executions in {elapsed:.1f}s, {len(completed)} completed "
        f"({sum(o.attempts > 1 for o in completed)} after retries), "
        f"failed {dict(Counter(o.code for o in outcomes if o.code != 'completed'))}, {attempts} attempts, "
        f"{requests} model requests, {sum(r['fault'] is not None for r in records)} faults served, "
        f"{sum(r.reconnects for r in runs)} SSE reconnects"
    )

    # The model answered exactly the attempts recorded, and each fault became the failure it stands for.
    assert model.get("/_demo/faults").json()["faults"] == [], "every queued fault was served"
    assert requests == len(records) == attempts
    assert Counter(r["fault"] for r in records if r["fault"]) == Counter(map(served_kind, plan.wave1 + plan.wave2))
    served = Counter(KIND_CODE[r["fault"]] if r["fault"] else "completed" for r in records)
    recorded = Counter(t["error"]["code"] if t["error"] else t["status"] for o in outcomes for t in o.transforms)
    assert recorded == served, "the transforms' outcomes do not match the faults the model served"
    for hang in (r for r in records if r["fault"] == "hang"):
        assert hang["clientClosed"] and REQUEST_TIMEOUT_S - 0.2 <= hang["endedAt"] - hang["startedAt"] < 8, hang

    # Wave 1 is forced: P permanent failures after one attempt, X failures that used up their retries.
    wave1 = [o for run, o in zip(runs, outcomes, strict=True) if run.wave == 1]
    assert Counter(o.code for o in wave1 if o.code in PERMANENT_CODES and o.attempts == 1) == Counter(
        KIND_CODE[k] for k in plan.permanent
    )
    assert sum(o.code in RETRYABLE_CODES and o.attempts == MAX_ATTEMPTS for o in wave1) == plan.exhausted
    # Wave 2: each of its permanent faults failed one execution; executions completed after the storm's retries.
    wave2 = [o for run, o in zip(runs, outcomes, strict=True) if run.wave == 2]
    assert Counter(o.code for o in wave2 if o.code in PERMANENT_CODES) == Counter(
        KIND_CODE[k] for k in plan.wave2_permanent
    )
    assert any(o.code == "completed" and o.attempts > 1 for o in wave2)
    # Every 429 that came with `Retry-After: 1` was retried no sooner (the bare ones need not wait that long).
    waits = [
        seconds(retry["createdAt"]) - seconds(t["completedAt"])
        for o in outcomes
        for t, retry in zip(o.transforms, o.transforms[1:], strict=False)
        if t["error"]["code"] == KIND_CODE["status_429"]
    ]
    told = plan.storm - plan.bare_storm  # the storm's 429s are first attempts, so each was retried
    assert sum(w >= RETRY_AFTER_S - 0.05 for w in waits) >= told, "a retry came before the model's Retry-After"
    assert sum(w < RETRY_AFTER_S - 0.05 for w in waits) >= 1, "a bare 429 waited for a Retry-After it never got"

    # With the faults gone, a node that failed for good and one out of retries run again, and complete.
    model.delete("/_demo/faults").raise_for_status()
    failed = [(run, o) for run, o in zip(runs, outcomes, strict=True) if o.code != "completed"]
    permanent = next(run for run, o in failed if o.code in PERMANENT_CODES)
    exhausted = next(run for run, o in failed if o.code in RETRYABLE_CODES)
    before = model_requests(model)
    for run in (permanent, exhausted):
        rerun(api, run)
    assert model_requests(model) - before == 2, "one model request per rerun"
