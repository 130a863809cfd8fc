"""The worker's model provider against the demo model on a loopback port: every fault becomes the right error,
provider quirks are read, and closing the stream closes the HTTP request at once."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
import uvicorn

from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.demo_model.content import answer
from scriptwriter.demo_model.server import DemoModel
from scriptwriter.llm_worker.adapters.openai_provider import OpenAIProvider, delta_of, retry_after_s
from scriptwriter.llm_worker.errors import (
    ConnectionLostError,
    JobError,
    ModelTimeoutError,
    ModelUnavailableError,
    RateLimitedError,
    RequestRejectedError,
)
from scriptwriter.llm_worker.ports import ModelDelta

pytestmark = pytest.mark.timeout(30)

PROMPT = [ChatMessage(role="user", content="请构思 1 个竖屏短剧故事创意。")]
EXPECTED = json.loads(answer("brainstorming", PROMPT[0].content))


@pytest.fixture
async def model_url() -> AsyncIterator[str]:
    config = uvicorn.Config(
        DemoModel(chunk_delay_s=0.002).app(), host="127.0.0.1", port=0, lifespan="off", log_level="critical"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                assert not serving.done(), "the demo model did not start"
                await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 10)


async def fault(model_url: str, **spec: Any) -> None:
    async with httpx.AsyncClient(base_url=model_url) as control:
        (await control.post("/_demo/faults", json={"faults": [spec]})).raise_for_status()


async def records(model_url: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=model_url) as control:
        return list((await control.get("/_demo/requests")).json())


async def ended(model_url: str) -> dict[str, Any]:
    """The latest request's record once the server has noticed its end (polled, 2 s at most)."""
    deadline = time.monotonic() + 2
    while True:
        record = (await records(model_url))[-1]
        if record["endedAt"] or time.monotonic() > deadline:
            return record
        await asyncio.sleep(0.01)


async def collect(model_url: str, timeout_s: float = 10) -> list[ModelDelta]:
    provider = OpenAIProvider(f"{model_url}/v1", None, "demo-model", timeout_s)
    try:
        return [delta async for delta in provider.stream("brainstorming", PROMPT, 0.8)]
    finally:
        await provider.close()


async def test_a_plain_stream_role_chunk_first_usage_last(model_url: str) -> None:
    deltas = await collect(model_url)
    assert deltas[0] == ModelDelta()
    assert json.loads("".join(d.content for d in deltas)) == EXPECTED
    assert [d.finish_reason for d in deltas if d.finish_reason] == ["stop"]
    assert deltas[-1].usage is not None and deltas[-1].usage["completion_tokens"] > 0


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("status_429", RateLimitedError),
        ("status_500", ModelUnavailableError),
        ("status_503", ModelUnavailableError),
        ("status_400", RequestRejectedError),
        ("status_401", RequestRejectedError),
    ],
)
async def test_statuses_become_retryable_or_permanent_errors(model_url: str, kind: str, error: type[JobError]) -> None:
    await fault(model_url, kind=kind)
    with pytest.raises(error) as raised:
        await collect(model_url)
    assert raised.value.retryable is (kind in ("status_429", "status_500", "status_503"))
    if kind == "status_429":
        assert raised.value.retry_after_s == 1.0
    if kind == "status_400":
        assert "maximum context length" in str(raised.value)


async def test_a_dropped_connection_mid_stream_is_retryable(model_url: str) -> None:
    await fault(model_url, kind="drop", afterChunks=5)
    with pytest.raises(ConnectionLostError):
        await collect(model_url)


async def test_no_answer_within_the_timeout_is_retryable_and_closes_the_request(model_url: str) -> None:
    await fault(model_url, kind="hang", delayS=5)
    started = time.monotonic()
    with pytest.raises(ModelTimeoutError):
        await collect(model_url, timeout_s=0.3)
    assert time.monotonic() - started < 2
    assert (await ended(model_url))["clientClosed"]


async def test_reasoning_content_comes_first_and_apart(model_url: str) -> None:
    await fault(model_url, kind="reasoning_content")
    deltas = await collect(model_url)
    reasoning = [i for i, d in enumerate(deltas) if d.reasoning]
    content = [i for i, d in enumerate(deltas) if d.content]
    assert reasoning and content and max(reasoning) < min(content)
    assert json.loads("".join(d.content for d in deltas)) == EXPECTED


@pytest.mark.parametrize("kind", ["no_usage", "empty_choices"])
async def test_missing_usage_and_empty_choices_change_no_text(model_url: str, kind: str) -> None:
    await fault(model_url, kind=kind)
    deltas = await collect(model_url)
    assert json.loads("".join(d.content for d in deltas)) == EXPECTED
    assert any(d.usage for d in deltas) is (kind != "no_usage")


async def test_closing_the_stream_closes_the_request_at_once(model_url: str) -> None:
    await fault(model_url, kind="slow", delayS=0.05)
    provider = OpenAIProvider(f"{model_url}/v1", None, "demo-model", 10)
    stream = provider.stream("brainstorming", PROMPT, 0.8)
    async for delta in stream:
        if delta.content:
            break
    closed_at = time.time()
    await stream.aclose()
    await provider.close()
    record = await ended(model_url)
    assert record["clientClosed"] and not record["completed"]
    assert record["endedAt"] - closed_at < 0.2


def test_retry_after_in_seconds_milliseconds_or_a_date() -> None:
    assert retry_after_s(httpx.Headers({"retry-after": "2"})) == 2.0
    assert retry_after_s(httpx.Headers({"retry-after-ms": "1500", "retry-after": "9"})) == 1.5
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < (retry_after_s(httpx.Headers({"retry-after": later})) or 0) <= 30
    assert retry_after_s(httpx.Headers({"retry-after": "soon"})) is None
    assert retry_after_s(httpx.Headers({})) is None


def test_chunks_of_any_provider_shape_are_read() -> None:
    assert delta_of({"choices": []}) == ModelDelta()
    assert delta_of({"choices": None, "usage": {"total_tokens": 3}}) == ModelDelta(usage={"total_tokens": 3})
    assert delta_of({"choices": [{"delta": None, "finish_reason": "stop"}]}) == ModelDelta(finish_reason="stop")
    assert delta_of({"choices": [{"delta": {"role": "assistant"}}]}) == ModelDelta()
    assert delta_of({"choices": [{"delta": {"content": None, "reasoning": "想"}}]}) == ModelDelta(reasoning="想")
    assert delta_of({"choices": [{"delta": {"content": "字"}, "finish_reason": None}], "usage": None}) == ModelDelta(
        content="字"
    )
