"""An OpenAI-compatible `/v1/chat/completions` that streams canned answers in 1–4 character chunks."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from .content import answer


class DemoModel:
    def __init__(self, chunk_delay_s: float = 0.03, model: str = "demo-model") -> None:
        self.chunk_delay_s = chunk_delay_s
        self.model = model
        self.requests: Counter[str] = Counter()
        self.open_streams = 0

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self.completions, methods=["POST"]),
                Route("/v1/models", self.models, methods=["GET"]),
                Route("/_demo/stats", self.stats, methods=["GET"]),
            ]
        )

    async def models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "demo"}]})

    async def stats(self, request: Request) -> Response:
        return JSONResponse({"requests": dict(self.requests), "openStreams": self.open_streams})

    async def completions(self, request: Request) -> Response:
        body = await request.json()
        template = request.headers.get("x-template-id", "")
        self.requests[template or "unknown"] += 1
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        text = answer(template, prompt)
        created = int(time.time())
        if not body.get("stream"):
            return JSONResponse(_completion(self.model, created, text))
        return StreamingResponse(self._stream(text, created, body), media_type="text/event-stream")

    async def _stream(self, text: str, created: int, body: dict[str, Any]) -> AsyncIterator[bytes]:
        self.open_streams += 1
        try:
            rng = random.Random(len(text))
            yield _sse(_chunk(self.model, created, {"role": "assistant", "content": ""}))
            position = 0
            while position < len(text):
                size = rng.randint(1, 4)
                yield _sse(_chunk(self.model, created, {"content": text[position : position + size]}))
                position += size
                if self.chunk_delay_s:
                    await asyncio.sleep(self.chunk_delay_s)
            yield _sse(_chunk(self.model, created, {}, finish_reason="stop"))
            if (body.get("stream_options") or {}).get("include_usage"):
                usage = {
                    "prompt_tokens": 200,
                    "completion_tokens": len(text),
                    "total_tokens": 200 + len(text),
                }
                yield _sse({**_chunk(self.model, created, {}), "choices": [], "usage": usage})
            yield b"data: [DONE]\n\n"
        finally:
            self.open_streams -= 1


def _chunk(model: str, created: int, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-demo-{created}",
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _completion(model: str, created: int, text: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-demo-{created}",
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 200, "completion_tokens": len(text), "total_tokens": 200 + len(text)},
    }


def _sse(payload: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()
