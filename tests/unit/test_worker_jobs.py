"""The job runner in memory: how each delivery is settled (ack, nak with backoff, term, report), cancellation, stale
jobs, lost attempts, and the `finish_reason: length` policy, with a scripted model and fake bus and store."""

from __future__ import annotations

import asyncio
import gc
import json
import random
from typing import Any

import json_repair
import pytest

from scriptwriter.contracts.ids import derived_id
from scriptwriter.contracts.messages import CancelTransform
from scriptwriter.contracts.model_outputs import BrainstormOutput
from scriptwriter.llm_worker.errors import (
    ConnectionLostError,
    RateLimitedError,
    RequestRejectedError,
)
from scriptwriter.llm_worker.ports import ModelDelta
from scriptwriter.llm_worker.retry import RetryPolicy

from .worker_fakes import ANSWER, JOB, FakeBus, FakeDelivery, FakeStore, ScriptedModel, runner, tokens

pytestmark = pytest.mark.timeout(10)


async def test_a_completed_stream_is_stored_reported_and_acked() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    model = ScriptedModel(ModelDelta(content=""), *tokens(ANSWER), ModelDelta(finish_reason="stop"))
    await runner(model, bus, store).run(delivery)
    [report] = bus.reports
    assert report.status == "completed" and report.attempt == 1
    assert report.output == BrainstormOutput.model_validate_json(ANSWER).model_dump(mode="json")
    chunks = bus.chunks()
    assert [c["index"] for c in chunks] == list(range(len(chunks))) and "".join(c["delta"] for c in chunks) == ANSWER
    assert bus.kinds()[0] == "workflow_node_start"
    transform = store.transforms[report.transformId]
    assert transform["status"] == "completed" and transform["worker"] == "test:1" and transform["attempt"] == 1
    assert store.chunks[report.transformId] == [{"index": c["index"], "delta": c["delta"]} for c in chunks]
    assert delivery.settled[-1] == ("ack", None)


async def test_a_retryable_failure_is_naked_with_backoff_and_not_reported() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery(attempt=2)
    model = ScriptedModel(*tokens(ANSWER[:30]), ConnectionLostError("dropped"))
    await runner(model, bus, store).run(delivery)
    assert bus.reports == []
    [(kind, delay)] = [s for s in delivery.settled if s[0] != "in_progress"]
    assert kind == "nak" and delay is not None and 2.0 <= delay <= 2.5
    failed = store.transforms[bus.chunks()[0]["transformId"]]
    assert failed["status"] == "failed" and failed["error"]["code"] == "llm_connection_lost"
    assert store.chunks[failed["id"]], "the partial text of a failed attempt is kept"


async def test_retry_after_is_honoured_but_bounded() -> None:
    policy = RetryPolicy(base_s=1.0, max_s=30.0, rng=random.Random(1))
    assert policy.delay_s(1, RateLimitedError("429", retry_after_s=7)) == 7
    assert policy.delay_s(1, RateLimitedError("429", retry_after_s=3600)) == 30
    assert 1.0 <= policy.delay_s(1, RateLimitedError("429")) <= 1.25
    assert policy.delay_s(9, RateLimitedError("429")) == 30


@pytest.mark.parametrize(("attempt", "final"), [(3, False), (2, True)])
async def test_the_last_attempt_reports_the_failure(attempt: int, final: bool) -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery(attempt=attempt, final=final)
    await runner(ScriptedModel(RateLimitedError("slow down", retry_after_s=1)), bus, store).run(delivery)
    [report] = bus.reports
    assert report.status == "failed" and report.attempt == attempt
    assert report.error is not None and report.error.model_dump(exclude={"details"}) == {
        "code": "llm_rate_limited",
        "message": "slow down",
        "retryable": True,
    }
    assert delivery.settled[-1] == ("ack", None)


async def test_a_permanent_failure_is_reported_at_once_and_terminated() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    await runner(ScriptedModel(RequestRejectedError("refused (400)")), bus, store).run(delivery)
    [report] = bus.reports
    assert report.error is not None and report.error.code == "llm_request_rejected" and not report.error.retryable
    assert delivery.settled[-1] == ("term", None)


async def test_invalid_output_after_repair_is_permanent() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    await runner(ScriptedModel(*tokens("抱歉，我没法给出 JSON。"), ModelDelta(finish_reason="stop")), bus, store).run(
        delivery
    )
    [report] = bus.reports
    assert report.error is not None and report.error.code == "invalid_model_output"
    assert delivery.settled[-1] == ("term", None)


async def test_an_unexpected_worker_error_is_retried() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    await runner(ScriptedModel(*tokens(ANSWER[:10]), KeyError("bug")), bus, store).run(delivery)
    assert bus.reports == [] and [s for s in delivery.settled if s[0] == "nak"]
    assert next(iter(store.transforms.values()))["error"]["code"] == "worker_error"


async def test_cut_off_output_is_retried_even_when_repair_would_validate() -> None:
    cut = ANSWER[: len(ANSWER) - 12]
    repaired = json_repair.loads(cut)
    assert BrainstormOutput.model_validate(repaired), "json-repair makes a valid value of the cut text"
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    await runner(ScriptedModel(*tokens(cut), ModelDelta(finish_reason="length")), bus, store).run(delivery)
    assert bus.reports == []
    assert next(iter(store.transforms.values()))["error"]["code"] == "llm_output_truncated"
    assert [s for s in delivery.settled if s[0] == "nak"]


async def test_cut_off_after_the_json_closed_is_accepted() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    text = ANSWER + "\n\n以上是三个创意，如需"
    await runner(ScriptedModel(*tokens(text), ModelDelta(finish_reason="length")), bus, store).run(delivery)
    [report] = bus.reports
    assert report.status == "completed"


async def test_a_stream_that_ends_without_a_finish_reason_counts_as_cut_off() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    await runner(ScriptedModel(*tokens(ANSWER[:-20])), bus, store).run(delivery)
    assert next(iter(store.transforms.values()))["error"]["code"] == "llm_output_truncated"


async def test_reasoning_is_marked_and_kept_out_of_chunks() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    model = ScriptedModel(
        ModelDelta(reasoning="先想一想"),
        ModelDelta(reasoning="再想一想"),
        *tokens("<think>内联的思考</think>" + ANSWER),
        ModelDelta(finish_reason="stop", usage={"completion_tokens": 9}),
    )
    await runner(model, bus, store).run(delivery)
    kinds = bus.kinds()
    assert kinds[:3] == ["workflow_node_start", "start", "end"]
    assert kinds.count("start") == 2 and kinds.count("end") == 2
    text = "".join(c["delta"] for c in bus.chunks())
    assert text == ANSWER and "思考" not in text and "想" not in text
    assert bus.reports[0].status == "completed"
    assert store.transforms[bus.reports[0].transformId]["usage"] == {"completion_tokens": 9}


async def test_cancel_closes_the_model_stream_saves_the_partial_text_and_publishes_nothing_after() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    hold = asyncio.Event()
    model = ScriptedModel(*tokens(ANSWER[:30]), hold, *tokens(ANSWER[30:]))
    jobs = runner(model, bus, store)
    running = asyncio.create_task(jobs.run(delivery))
    await asyncio.wait_for(model.holding.wait(), 5)
    other_user = CancelTransform(userId="us_2", executionId="ex_1")
    assert jobs.cancel(other_user) == 0
    assert jobs.cancel(CancelTransform(userId="us_1", executionId="ex_1")) == 1
    await running
    assert model.closed
    published = bus.chunks()
    transform_id = published[0]["transformId"]
    assert "".join(c["delta"] for c in published) == ANSWER[:30]
    assert store.chunks[transform_id] == [{"index": c["index"], "delta": c["delta"]} for c in published]
    assert store.transforms[transform_id]["status"] == "cancelled"
    [report] = bus.reports
    assert report.status == "cancelled" and delivery.settled[-1] == ("ack", None)
    hold.set()
    assert len(bus.chunks()) == len(published)


@pytest.mark.parametrize(
    "execution",
    [
        {"status": "cancelled", "nodes": {"generate_ideas": {"status": "cancelled", "run": 1}}},
        {"status": "running", "nodes": {"generate_ideas": {"status": "running", "run": 2}}},
        None,
    ],
)
async def test_a_job_no_longer_wanted_is_acked_without_streaming(execution: dict[str, Any] | None) -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery(attempt=2)
    if execution is None:
        store.executions.clear()
    else:
        store.executions["ex_1"] = execution
    model = ScriptedModel(*tokens(ANSWER), ModelDelta(finish_reason="stop"))
    await runner(model, bus, store).run(delivery)
    assert model.calls == 0 and bus.published == [] and bus.reports == []
    assert delivery.settled[-1] == ("ack", None)


async def test_an_attempt_left_streaming_by_a_lost_worker_is_closed() -> None:
    bus, store = FakeBus(), FakeStore()
    lost_id = derived_id("tr", JOB.jobId, 1)
    store.transforms[lost_id] = {"id": lost_id, "status": "streaming"}
    model = ScriptedModel(*tokens(ANSWER), ModelDelta(finish_reason="stop"))
    await runner(model, bus, store).run(FakeDelivery(attempt=2))
    assert store.transforms[lost_id]["status"] == "failed"
    assert store.transforms[lost_id]["error"]["code"] == "worker_lost"
    assert bus.reports[0].attempt == 2 and bus.reports[0].status == "completed"


async def test_an_abandoned_job_fails_its_node() -> None:
    bus, store = FakeBus(), FakeStore()
    await runner(ScriptedModel(), bus, store).abandon(JOB, deliveries=6)
    [report] = bus.reports
    assert report.status == "failed" and report.attempt == 6
    assert report.error is not None and report.error.code == "worker_lost" and report.error.retryable


async def test_heartbeats_keep_the_delivery_in_progress_while_streaming() -> None:
    bus, store, delivery = FakeBus(), FakeStore(), FakeDelivery()
    hold = asyncio.Event()
    model = ScriptedModel(*tokens(ANSWER[:9]), hold, *tokens(ANSWER[9:]), ModelDelta(finish_reason="stop"))
    running = asyncio.create_task(runner(model, bus, store).run(delivery))
    await asyncio.wait_for(delivery.beaten.wait(), 5)
    hold.set()
    await running
    assert delivery.settled[-1] == ("ack", None)


async def test_a_fast_stream_lets_the_other_tasks_run() -> None:
    """A model whose deltas are all ready at once must not keep the loop from heartbeats and other streams."""
    text = json.dumps({"ideas": [{"title": f"标题{i}", "body": "梗概" * 450} for i in range(10)]}, ensure_ascii=False)
    model = ScriptedModel(*tokens(" " * 20_000 + text, size=1), ModelDelta(finish_reason="stop"))
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while not done.is_set():
            await asyncio.sleep(0)
            gaps.append(loop.time() - last)
            last = loop.time()

    ticking = asyncio.create_task(ticker())
    started = asyncio.get_running_loop().time()
    gc.disable()  # a collection of the scripted deltas would pause everything, the worker's yielding aside
    try:
        await runner(model, FakeBus(), FakeStore()).run(FakeDelivery())
    finally:
        gc.enable()
    took = asyncio.get_running_loop().time() - started
    done.set()
    await ticking
    assert took > 0.1, "the stream is too short to tell"
    # Holding the loop, the stream would make one gap as long as itself; handing it over, gaps of a few ms (the
    # bound leaves room for a busy machine's scheduling).
    assert max(gaps) < max(0.05, took / 4), f"the loop was held for {max(gaps) * 1000:.0f} ms of {took * 1000:.0f}"
