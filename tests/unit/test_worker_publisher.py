"""Coalescing of tokens into `transform_chunk` events: contiguous indexes, nothing lost, nothing held back after a
quiet moment, reasoning marks in order, nothing published after a discard."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from scriptwriter.contracts.events import EventEnvelope, Reasoning, TransformChunk
from scriptwriter.llm_worker.publisher import ChunkPublisher

from .worker_fakes import JOB

pytestmark = pytest.mark.timeout(10)


@dataclass
class Recorder:
    events: list[tuple[str, EventEnvelope]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def publish_chunk(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        self.events.append((msg_id, event))
        self.arrived.set()

    async def publish_event(self, user_id: str, execution_id: str, event: EventEnvelope, msg_id: str) -> None:
        raise AssertionError("chunks only")

    async def report(self, result: object) -> None:
        raise AssertionError("chunks only")

    @property
    def deltas(self) -> list[str]:
        return [e.data["delta"] for _, e in self.events if e.event == "transform_chunk"]

    async def next_event(self) -> None:
        self.arrived.clear()
        await asyncio.wait_for(self.arrived.wait(), 2)


async def test_without_a_window_every_token_is_a_chunk() -> None:
    bus = Recorder()
    fed: list[str] = []
    publisher = ChunkPublisher(bus, JOB, "tr_1", 0.0, fed.append)
    for token in ["龙", "王", "归", "来"]:
        publisher.add(token)
    assert bus.deltas == fed == ["龙", "王", "归", "来"]
    assert [msg_id for msg_id, _ in bus.events] == [f"tr_1:{i}" for i in range(4)]
    assert [e.data["index"] for _, e in bus.events] == [0, 1, 2, 3]
    made = EventEnvelope.of(
        TransformChunk(executionId="ex_1", nodeId=JOB.nodeId, transformId="tr_1", index=0, delta="龙")
    )
    assert bus.events[0][1].model_dump() == made.model_dump()


async def test_tokens_within_the_window_go_out_together_and_the_first_is_not_held() -> None:
    bus = Recorder()
    publisher = ChunkPublisher(bus, JOB, "tr_1", 0.05, lambda text: None)
    publisher.add("第一")
    assert bus.deltas == ["第一"], "a token after a quiet moment is published at once"
    for token in ["个", "创", "意"]:
        publisher.add(token)
    assert bus.deltas == ["第一"]
    await bus.next_event()
    assert bus.deltas == ["第一", "个创意"]
    assert [e.data["index"] for _, e in bus.events] == [0, 1]


async def test_reasoning_marks_flush_the_text_before_them() -> None:
    bus = Recorder()
    publisher = ChunkPublisher(bus, JOB, "tr_1", 10.0, lambda text: None)
    publisher.add("a")
    publisher.add("b")
    publisher.reasoning("start")
    publisher.reasoning("end")
    publisher.add("c")
    publisher.flush()
    kinds = [e.data.get("phase") or e.data["delta"] for _, e in bus.events]
    made = EventEnvelope.of(Reasoning(executionId="ex_1", nodeId=JOB.nodeId, transformId="tr_1", phase="start"))
    assert bus.events[2][1].model_dump() == made.model_dump()
    assert kinds == ["a", "b", "start", "end", "c"]
    assert [msg_id for msg_id, _ in bus.events] == ["tr_1:0", "tr_1:1", "tr_1:r1", "tr_1:r2", "tr_1:2"]


async def test_discarded_text_is_never_published() -> None:
    bus = Recorder()
    publisher = ChunkPublisher(bus, JOB, "tr_1", 0.05, lambda text: None)
    publisher.add("kept")
    publisher.add("dropped")
    publisher.discard()
    publisher.add("later")
    await bus.next_event()
    assert bus.deltas == ["kept", "later"]
    assert publisher.text == "keptlater"
