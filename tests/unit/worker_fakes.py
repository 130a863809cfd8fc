"""A scripted model, and a bus, a store and a delivery in memory, for the job runner's tests."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import ChatMessage, GenerateText, NodeFinished
from scriptwriter.llm_worker.jobs import JobRunner
from scriptwriter.llm_worker.ports import ModelDelta
from scriptwriter.llm_worker.retry import RetryPolicy
from scriptwriter.servicekit.rpc import NotFoundError

ANSWER = json.dumps(
    {"ideas": [{"title": f"标题{i}", "body": f"第{i}个创意的梗概，" * 4} for i in range(3)]}, ensure_ascii=False
)
JOB = GenerateText(
    jobId="ex_1:generate_ideas:1",
    executionId="ex_1",
    userId="us_1",
    nodeId="generate_ideas",
    run=1,
    templateId="brainstorming",
    messages=[ChatMessage(role="user", content="请构思 3 个创意")],
)


def tokens(text: str, size: int = 3) -> list[ModelDelta]:
    return [ModelDelta(content=text[i : i + size]) for i in range(0, len(text), size)]


class ScriptedModel:
    """Streams its script: deltas, exceptions to raise, events to wait on (to hold the stream mid-way)."""

    model = "scripted"

    def __init__(self, *script: ModelDelta | Exception | asyncio.Event) -> None:
        self.script = script
        self.calls = 0
        self.closed = False
        self.holding = asyncio.Event()

    async def stream(self, template_id: str, messages: list[ChatMessage], temperature: float) -> AsyncIterator[Any]:
        self.calls += 1
        try:
            for step in self.script:
                if isinstance(step, Exception):
                    raise step
                if isinstance(step, asyncio.Event):
                    self.holding.set()
                    await step.wait()
                    continue
                yield step
        finally:
            self.closed = True


@dataclass
class FakeBus:
    published: list[tuple[str, EventEnvelope]] = field(default_factory=list)
    reports: list[NodeFinished] = field(default_factory=list)

    def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        self.published.append((msg_id, event))

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        self.published.append((msg_id, event))

    async def report(self, result: NodeFinished) -> None:
        self.reports.append(result)

    def chunks(self) -> list[dict[str, Any]]:
        return [e.data for _, e in self.published if e.event == "transform_chunk"]

    def kinds(self) -> list[str]:
        return [e.data["phase"] if e.event == "reasoning" else e.event for _, e in self.published]


@dataclass
class FakeStore:
    transforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    chunks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    executions: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {
            "ex_1": {"status": "running", "nodes": {"generate_ideas": {"status": "running", "run": 1}}}
        }
    )

    async def get_execution(self, execution_id: str, user_id: str | None = None) -> dict[str, Any]:
        if execution_id not in self.executions:
            raise NotFoundError("no execution")
        return self.executions[execution_id]

    async def put_transform(self, transform: dict[str, Any]) -> None:
        self.transforms.setdefault(transform["id"], {}).update(transform)

    async def get_transform(self, transform_id: str, user_id: str) -> dict[str, Any]:
        if transform_id not in self.transforms:
            raise NotFoundError("no transform")
        return self.transforms[transform_id]

    async def put_chunks(self, transform_id: str, chunks: list[dict[str, Any]]) -> None:
        self.chunks[transform_id] = list(chunks)


@dataclass
class FakeDelivery:
    job: GenerateText = JOB
    attempt: int = 1
    final: bool = False
    settled: list[tuple[str, float | None]] = field(default_factory=list)
    beaten: asyncio.Event = field(default_factory=asyncio.Event)

    async def ack(self) -> None:
        self.settled.append(("ack", None))

    async def nak(self, delay: float) -> None:
        self.settled.append(("nak", delay))

    async def term(self) -> None:
        self.settled.append(("term", None))

    async def in_progress(self) -> None:
        self.settled.append(("in_progress", None))
        if self.settled.count(("in_progress", None)) >= 3:
            self.beaten.set()


def runner(model: ScriptedModel, bus: FakeBus, store: FakeStore, window: float = 0.0) -> JobRunner:
    retry = RetryPolicy(base_s=1.0, max_s=30.0, rng=random.Random(7))
    return JobRunner(model, bus, store, heartbeat_s=0.01, retry=retry, window=window, worker="test:1")
