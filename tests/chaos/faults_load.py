"""Many brainstorming executions driven through the running system in two waves while the demo model injects
faults; see `test_model_faults` for what the waves are built to force.

The demo model hands its queued faults, in order, to the next requests of a template, whoever sends them: the
plan below therefore decides which faults a wave consumes by when it queues them, never which execution gets one.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.async_sse import sse_events
from tests.support.sse import SseEvent

TEMPLATE = "brainstorming"
NODE = "generate_ideas"
MAX_ATTEMPTS = 3
"""`maxAttempts` of an llm job (the orchestrator's default for a retryable node)."""
HANG_S = 10.0
"""How long a `hang` holds its request: far past the worker's request timeout, which must end it first."""
CUT_AFTER_CHUNKS = 10
"""Where `drop` and `truncate` cut the answer: long before its JSON closes."""

BARE_429 = "status_429_bare"
"""A 429 without `Retry-After` (the worker falls back to its own backoff); served as `status_429`."""
KIND_CODE = {
    "status_429": "llm_rate_limited",
    BARE_429: "llm_rate_limited",
    "status_500": "llm_unavailable",
    "status_503": "llm_unavailable",
    "hang": "llm_timeout",
    "drop": "llm_connection_lost",
    "truncate": "llm_output_truncated",
    "status_400": "llm_request_rejected",
    "status_401": "llm_request_rejected",
    "malformed": "invalid_model_output",
}
RETRYABLE_KINDS = ("status_429", "status_500", "status_503", "hang", "drop", "truncate")
PERMANENT_KINDS = ("status_400", "status_401", "malformed")
RETRYABLE_CODES = {KIND_CODE[k] for k in RETRYABLE_KINDS}
PERMANENT_CODES = {KIND_CODE[k] for k in PERMANENT_KINDS}


@dataclass(frozen=True)
class FaultPlan:
    """Wave 1: `permanent` executions meet a permanent fault on their first request, then `exhausted` executions
    meet `MAX_ATTEMPTS` retryable faults each. Wave 2 (`storm` executions, started once wave 1 consumed every
    fault of its own) opens with a storm of `storm` 429s, one per execution, then `wave2_mix` shuffled."""

    permanent: tuple[str, ...]
    exhausted: int
    wave1_retryable: tuple[str, ...]
    storm: int
    wave2_mix: tuple[str, ...]

    @property
    def wave1(self) -> tuple[str, ...]:
        return self.permanent + self.wave1_retryable

    @property
    def wave2(self) -> tuple[str, ...]:
        return (BARE_429,) * self.bare_storm + ("status_429",) * (self.storm - self.bare_storm) + self.wave2_mix

    @property
    def bare_storm(self) -> int:
        """The storm's first half comes without `Retry-After`."""
        return self.storm // 2

    @property
    def wave2_permanent(self) -> tuple[str, ...]:
        return tuple(k for k in self.wave2_mix if k in PERMANENT_KINDS)

    @property
    def executions(self) -> int:
        return len(self.permanent) + self.exhausted + self.storm


def fault_plan(long: bool, seed: int) -> FaultPlan:
    rng = random.Random(seed)
    scale = 6 if long else 2
    permanent = (PERMANENT_KINDS * 2) if long else ("status_400", "malformed")
    wave1_retryable = list(RETRYABLE_KINDS * (MAX_ATTEMPTS * scale // len(RETRYABLE_KINDS)))
    rng.shuffle(wave1_retryable)
    storm = 38 if long else 8
    mix = list(RETRYABLE_KINDS * (4 if long else 1)) + ([*PERMANENT_KINDS, "malformed"] if long else ["status_401"])
    rng.shuffle(mix)
    plan = FaultPlan(permanent, scale, tuple(wave1_retryable), storm, tuple(mix))
    # Wave 2's queue must drain: if it did not, every wave-2 request took a fault and each execution without a
    # permanent one used up its attempts, which takes more retryable faults than the queue holds.
    retryable2 = len(plan.wave2) - len(plan.wave2_permanent)
    assert retryable2 < MAX_ATTEMPTS * (storm - len(plan.wave2_permanent))
    assert len(wave1_retryable) == MAX_ATTEMPTS * scale
    return plan


def faults_json(kinds: tuple[str, ...]) -> dict[str, Any]:
    """The faults to queue, in order; a run of one kind becomes one fault with a `count`."""
    faults: list[dict[str, Any]] = []
    for kind in kinds:
        if faults and faults[-1]["planned"] == kind:
            faults[-1]["count"] += 1
            continue
        fault: dict[str, Any] = {"template": TEMPLATE, "kind": served_kind(kind), "count": 1, "planned": kind}
        if kind == BARE_429:
            fault["retryAfterS"] = None
        if kind == "hang":
            fault["delayS"] = HANG_S
        if kind in ("drop", "truncate"):
            fault["afterChunks"] = CUT_AFTER_CHUNKS
        faults.append(fault)
    for fault in faults:
        del fault["planned"]
    return {"faults": faults}


def served_kind(kind: str) -> str:
    """The kind the model records for a planned fault."""
    return "status_429" if kind == BARE_429 else kind


@dataclass
class Run:
    """One execution as its writer saw it: every event of its log, from id 0."""

    wave: int
    ideas_wanted: int
    execution_id: str = ""
    events: list[SseEvent] = field(default_factory=list)
    reconnects: int = 0

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e.data for e in self.events if e.event == kind and e.data.get("nodeId", NODE) == NODE]


def asks_selection(event: SseEvent) -> bool:
    return event.event == "user_input_required" and event.data["nodeId"] == "select_idea"


def finished(event: SseEvent) -> bool:
    return event.event in ("workflow_completed", "workflow_failed", "workflow_cancelled")


async def follow(client: httpx.AsyncClient, run: Run, done: Callable[[SseEvent], bool], timeout_s: float) -> SseEvent:
    """Read the execution's events (resuming after the last one seen) until `done` holds for one."""
    path = f"/api/workflow/execution/{run.execution_id}/events"
    async with asyncio.timeout(timeout_s):
        while True:
            last = run.events[-1].id if run.events else 0
            try:
                async with client.stream("GET", path, headers={"Last-Event-ID": str(last)}) as response:
                    assert response.status_code == 200, await response.aread()
                    async for event in sse_events(response):
                        run.events.append(event)
                        if done(event):
                            return event
            except (httpx.TransportError, httpx.StreamError):
                pass
            run.reconnects += 1
            await asyncio.sleep(0.2)


async def select_first_idea(client: httpx.AsyncClient, run: Run, asked: SseEvent, timeout_s: float) -> SseEvent:
    ideas = asked.data["initialData"]["ideas"]
    path = f"/api/workflow/execution/{run.execution_id}/input/select_idea"
    response = await client.post(path, json={"selectedIdeaId": ideas[0]["artifactId"]})
    assert response.status_code == 202, response.text
    return await follow(client, run, finished, timeout_s)


async def drive(client: httpx.AsyncClient, run: Run, timeout_s: float) -> None:
    """Start a brainstorming execution and follow it to its end, choosing an idea when asked to."""
    inputs = {"genrePaths": [["女频", "其他类型", "复仇"]], "numberOfIdeas": run.ideas_wanted}
    created = await client.post("/api/workflow/execution", json={"workflowId": "brainstorming", "inputs": inputs})
    assert created.status_code == 201, created.text
    run.execution_id = created.json()["executionId"]
    end = await follow(client, run, lambda e: asks_selection(e) or finished(e), timeout_s)
    if asks_selection(end):
        await select_first_idea(client, run, end, timeout_s)


async def until_drained(model: httpx.AsyncClient, timeout_s: float) -> None:
    """Poll the demo model until no fault is left in its queue."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while pending := (await model.get("/_demo/faults")).json()["faults"]:
        assert loop.time() < deadline, f"faults never consumed: {pending}"
        await asyncio.sleep(0.1)


async def run_waves(base_url: str, model_url: str, token: str, plan: FaultPlan, timeout_s: float) -> list[Run]:
    first = len(plan.permanent) + plan.exhausted
    runs = [Run(1 if i < first else 2, 1 + i % 4) for i in range(plan.executions)]
    async with (
        httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(30, read=40),
            limits=httpx.Limits(max_connections=plan.executions * 3),
        ) as client,
        httpx.AsyncClient(base_url=model_url, timeout=10) as model,
        asyncio.TaskGroup() as tasks,
    ):
        (await model.post("/_demo/faults", json=faults_json(plan.wave1))).raise_for_status()
        for run in runs[:first]:
            tasks.create_task(drive(client, run, timeout_s))
        await until_drained(model, timeout_s)
        (await model.post("/_demo/faults", json=faults_json(plan.wave2))).raise_for_status()
        for run in runs[first:]:
            tasks.create_task(drive(client, run, timeout_s))
    return runs
