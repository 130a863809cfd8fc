"""The demo model served by uvicorn on a loopback port, driven by the real `openai` SDK: answers and faults."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import json_repair
import openai
import pytest
import uvicorn
from openai import AsyncOpenAI

from scriptwriter.demo_model.content import answer
from scriptwriter.demo_model.server import DemoModel

pytestmark = pytest.mark.timeout(30)

PROMPT = "请构思 1 个竖屏短剧故事创意。"
EXPECTED = json.loads(answer("brainstorming", PROMPT))


@dataclass
class Demo:
    http: httpx.AsyncClient
    client: AsyncOpenAI

    async def fault(self, **fault: Any) -> None:
        response = await self.http.post("/_demo/faults", json={"faults": [fault]})
        assert response.status_code == 200, response.text

    async def records(self) -> list[dict[str, Any]]:
        return list((await self.http.get("/_demo/requests")).json())

    async def record_when(self, ready: Callable[[dict[str, Any]], bool], timeout_s: float = 2.0) -> dict[str, Any]:
        """The latest request's record once `ready` holds for it, polling until `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while True:
            record = (await self.records())[-1]
            if ready(record) or time.monotonic() > deadline:
                return record
            await asyncio.sleep(0.01)

    async def stream(self, template: str = "brainstorming", prompt: str = PROMPT, **options: Any) -> Any:
        return await self.client.chat.completions.create(
            model="demo-model",
            messages=[{"role": "user", "content": prompt}],
            stream=True,
            stream_options={"include_usage": True},
            extra_headers={"X-Template-Id": template},
            **options,
        )

    async def chunks(self, **options: Any) -> list[Any]:
        stream = await self.stream(**options)
        async with stream:
            return [chunk async for chunk in stream]


@pytest.fixture
async def demo() -> AsyncIterator[Demo]:
    config = uvicorn.Config(
        DemoModel(chunk_delay_s=0.002).app(),
        host="127.0.0.1",
        port=0,
        lifespan="off",
        ws="none",
        log_level="critical",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                assert not serving.done(), "the demo model did not start"
                await asyncio.sleep(0.01)
        base_url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
        async with (
            httpx.AsyncClient(base_url=base_url, timeout=5) as http,
            AsyncOpenAI(base_url=f"{base_url}/v1", api_key="demo", max_retries=0, timeout=10) as client,
        ):
            yield Demo(http, client)
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 10)


def text_of(chunks: list[Any]) -> tuple[list[str], list[str]]:
    """(content pieces, reasoning pieces) in arrival order, empty ones left out."""
    content = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    reasoning = [r for c in chunks if c.choices and (r := getattr(c.choices[0].delta, "reasoning_content", None))]
    return content, reasoning


async def test_a_plain_stream_answers_and_is_recorded(demo: Demo) -> None:
    chunks = await demo.chunks()
    assert chunks[0].choices[0].delta.role == "assistant"
    content, reasoning = text_of(chunks)
    assert json.loads("".join(content)) == EXPECTED and not reasoning
    assert all(1 <= len(piece) <= 4 for piece in content)
    assert chunks[-1].usage and chunks[-1].usage.completion_tokens == len("".join(content))
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    [record] = await demo.records()
    assert record["template"] == "brainstorming" and record["fault"] is None and record["status"] == 200
    assert record["completed"] and not record["clientClosed"] and record["chunksSent"] == len(content)
    assert record["startedAt"] <= record["endedAt"] <= time.time()
    stats = (await demo.http.get("/_demo/stats")).json()
    assert stats == {"requests": {"brainstorming": 1}, "openStreams": 0}


async def test_a_whole_answer_without_streaming(demo: Demo) -> None:
    completion = await demo.client.chat.completions.create(
        model="demo-model",
        messages=[{"role": "user", "content": PROMPT}],
        extra_headers={"X-Template-Id": "brainstorming"},
    )
    assert json.loads(completion.choices[0].message.content or "") == EXPECTED
    assert completion.usage and (await demo.records())[0]["completed"]


@pytest.mark.parametrize(
    ("kind", "status", "error"),
    [
        ("status_429", 429, openai.RateLimitError),
        ("status_500", 500, openai.InternalServerError),
        ("status_503", 503, openai.InternalServerError),
        ("status_400", 400, openai.BadRequestError),
        ("status_401", 401, openai.AuthenticationError),
    ],
)
async def test_status_faults_raise_the_matching_sdk_errors(demo: Demo, kind: str, status: int, error: type) -> None:
    await demo.fault(template="brainstorming", kind=kind)
    with pytest.raises(error) as raised:
        await demo.stream()
    assert raised.value.status_code == status
    assert raised.value.body and raised.value.body["message"]  # type: ignore[index]
    assert raised.value.response.headers.get("retry-after") == ("1" if status == 429 else None)
    [record] = await demo.records()
    assert record["fault"] == kind and record["status"] == status and record["chunksSent"] == 0
    assert json.loads("".join(text_of(await demo.chunks())[0])) == EXPECTED


async def test_drop_cuts_the_connection_mid_stream(demo: Demo) -> None:
    await demo.fault(kind="drop", afterChunks=12)
    received: list[Any] = []
    stream = await demo.stream()
    with pytest.raises(openai.APIConnectionError):
        async for chunk in stream:
            received.append(chunk)
    assert len(text_of(received)[0]) == 12 and all(c.choices[0].finish_reason is None for c in received)
    record = (await demo.records())[0]
    assert record["chunksSent"] == 12 and not record["completed"] and not record["clientClosed"]


async def test_truncate_finishes_early_with_length(demo: Demo) -> None:
    await demo.fault(kind="truncate", afterChunks=7)
    chunks = await demo.chunks()
    content, _ = text_of(chunks)
    assert len(content) == 7 and [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "length"
    assert (await demo.records())[0]["completed"]


async def test_hang_sends_nothing_and_a_client_timeout_is_recorded(demo: Demo) -> None:
    await demo.fault(kind="hang", delayS=30)
    with pytest.raises(openai.APITimeoutError):
        await demo.stream(timeout=0.3)
    gave_up = time.time()
    record = await demo.record_when(lambda r: r["clientClosed"])
    assert record["clientClosed"] and record["status"] is None and record["chunksSent"] == 0
    assert record["endedAt"] - gave_up < 0.5


async def test_closing_a_stream_early_is_recorded_promptly(demo: Demo) -> None:
    stream = await demo.stream(template="outline", prompt="创意标题：替嫁新娘")
    received = 0
    async for _chunk in stream:
        received += 1
        if received == 10:
            break
    closing = time.time()
    await stream.close()
    record = await demo.record_when(lambda r: r["clientClosed"])
    assert record["clientClosed"] and not record["completed"] and record["chunksSent"] >= 9
    assert 0 <= record["endedAt"] - closing < 0.5
    stats = (await demo.http.get("/_demo/stats")).json()
    assert stats == {"requests": {"outline": 1}, "openStreams": 0}


async def test_malformed_is_prose_and_broken_json_is_repairable(demo: Demo) -> None:
    await demo.http.post("/_demo/faults", json={"faults": [{"kind": "malformed"}, {"kind": "broken_json"}]})
    prose = "".join(text_of(await demo.chunks())[0])
    assert prose and not {"{", "[", "}", "]"} & set(prose)
    broken = "".join(text_of(await demo.chunks())[0])
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken)
    assert json_repair.loads(broken) == EXPECTED


async def test_think_inline_streams_a_think_block_split_across_chunks(demo: Demo) -> None:
    await demo.fault(kind="think_inline", count=4)
    openings = []
    for _ in range(4):
        content, _ = text_of(await demo.chunks())
        text = "".join(content)
        opening, closing = text.index(">") + 1, text.lower().index("</think>")
        openings.append(text[:opening])
        assert text[:opening].lower() == "<think>" and 200 <= closing - opening <= 600
        assert not any("think>" in piece.lower() for piece in content)
        assert json.loads(text[closing + len("</think>") :]) == EXPECTED
    assert "<think>" in openings and {"<Think>", "<THINK>"} & set(openings), "tags come in several letter cases"


async def test_reasoning_content_arrives_before_the_answer(demo: Demo) -> None:
    await demo.fault(kind="reasoning_content")
    chunks = await demo.chunks()
    kinds = [
        "reasoning" if getattr(c.choices[0].delta, "reasoning_content", None) else "content"
        for c in chunks
        if c.choices and (c.choices[0].delta.content or getattr(c.choices[0].delta, "reasoning_content", None))
    ]
    assert kinds[0] == "reasoning" and kinds == sorted(kinds, key=lambda kind: kind != "reasoning")
    content, reasoning = text_of(chunks)
    assert len("".join(reasoning)) >= 200 and json.loads("".join(content)) == EXPECTED
    assert all(c.choices[0].delta.content == "" for c in chunks if text_of([c])[1])


async def test_fenced_wraps_the_answer_and_adds_prose(demo: Demo) -> None:
    await demo.fault(kind="fenced")
    text = "".join(text_of(await demo.chunks())[0])
    assert text.startswith("```json\n")
    fenced, tail = text.removeprefix("```json\n").split("\n```", 1)
    assert json.loads(fenced) == EXPECTED and tail.strip()


async def test_slow_spaces_the_chunks(demo: Demo) -> None:
    await demo.fault(kind="slow", delayS=0.05)
    stream = await demo.stream()
    arrivals = []
    async with stream:
        async for chunk in stream:
            if text_of([chunk])[0]:
                arrivals.append(time.monotonic())
            if len(arrivals) == 6:
                break
    assert arrivals[-1] - arrivals[0] >= 5 * 0.05 * 0.9


async def test_no_usage_and_empty_choices(demo: Demo) -> None:
    await demo.http.post("/_demo/faults", json={"faults": [{"kind": "no_usage"}, {"kind": "empty_choices"}]})
    without_usage = await demo.chunks()
    assert not any(c.usage for c in without_usage) and json.loads("".join(text_of(without_usage)[0])) == EXPECTED
    interleaved = await demo.chunks()
    empty = [c for c in interleaved if not c.choices and not c.usage]
    assert len(empty) >= 10 and json.loads("".join(text_of(interleaved)[0])) == EXPECTED


async def test_faults_apply_in_order_to_their_templates_and_delete_clears_them(demo: Demo) -> None:
    faults = [
        {"template": "outline", "kind": "status_500"},
        {"template": "*", "kind": "status_429", "count": 2},
        {"template": "brainstorming", "kind": "status_400"},
    ]
    assert (await demo.http.post("/_demo/faults", json={"faults": faults})).status_code == 200
    listed = (await demo.http.get("/_demo/faults")).json()["faults"]
    assert [(f["kind"], f["remaining"]) for f in listed] == [("status_500", 1), ("status_429", 2), ("status_400", 1)]
    for error in (openai.RateLimitError, openai.RateLimitError, openai.BadRequestError):
        with pytest.raises(error):
            await demo.stream()
    assert text_of(await demo.chunks())[0]
    with pytest.raises(openai.InternalServerError):
        await demo.stream(template="outline")
    await demo.http.post("/_demo/faults", json={"faults": faults})
    cleared = (await demo.http.delete("/_demo/faults")).json()
    assert cleared == {"cleared": 3, "faults": []}
    assert json.loads("".join(text_of(await demo.chunks())[0])) == EXPECTED
    assert [r["fault"] for r in await demo.records()] == [
        *("status_429", "status_429", "status_400", None, "status_500", None)
    ]
    assert (await demo.http.delete("/_demo/requests")).status_code == 204 and await demo.records() == []


async def test_invalid_faults_are_refused(demo: Demo) -> None:
    for body in ({"faults": [{"kind": "explode"}]}, {"faults": []}, {"faults": [{"kind": "hang", "count": 0}]}):
        response = await demo.http.post("/_demo/faults", json=body)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_faults"
    assert (await demo.http.get("/_demo/faults")).json() == {"faults": []}


async def test_a_fault_can_name_its_retry_after_or_none_and_aim_at_a_prompt(demo: Demo) -> None:
    faults = [
        {"kind": "status_429", "promptContains": "marker-b"},
        {"kind": "status_429", "retryAfterS": None, "promptContains": "marker-a"},
        {"kind": "status_429", "retryAfterS": 7},
    ]
    assert (await demo.http.post("/_demo/faults", json={"faults": faults})).status_code == 200
    with pytest.raises(openai.RateLimitError) as bare:
        await demo.stream(prompt=f"{PROMPT} marker-a")
    assert "retry-after" not in bare.value.response.headers
    with pytest.raises(openai.RateLimitError) as unaimed:
        await demo.stream(prompt=PROMPT)  # the aimed faults pass it by
    assert unaimed.value.response.headers["retry-after"] == "7"
    assert json.loads("".join(text_of(await demo.chunks())[0])) == EXPECTED
    with pytest.raises(openai.RateLimitError) as aimed:
        await demo.stream(prompt=f"marker-b {PROMPT}")
    assert aimed.value.response.headers["retry-after"] == "1"
    assert (await demo.http.get("/_demo/faults")).json()["faults"] == []
