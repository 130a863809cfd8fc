"""Any OpenAI-compatible endpoint through the `openai` SDK; the bus owns retries (`max_retries=0`).

The SDK sends the request, raises status errors, and reads the server-sent events (wrapping a dropped connection,
a read timeout or an error event mid-stream in its own errors); its chunks are read as plain JSON (`cast_to=object`)
rather than built into typed models, which is most of the worker's time per token. Every failure leaves as one of
the worker's own errors (see `errors`). Providers differ in what they stream: a role-only first chunk, chunks with
empty `choices`, usage in the last chunk or nowhere, reasoning as `reasoning_content` (DeepSeek, Qwen) or
`reasoning` (OpenRouter, Ollama); all of them are read here.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import openai
from openai import AsyncOpenAI, AsyncStream, DefaultAsyncHttpxClient

from scriptwriter.contracts.messages import ChatMessage

from ..errors import (
    ConnectionLostError,
    JobError,
    ModelTimeoutError,
    ModelUnavailableError,
    RateLimitedError,
    RequestRejectedError,
)
from ..ports import ModelDelta

KEEPALIVE_S = 4.0


class OpenAIProvider:
    def __init__(self, base_url: str, api_key: str | None, model: str, timeout_s: float) -> None:
        self.model = model
        # Idle connections are dropped a little before servers commonly drop them (5 s): reusing one the server
        # is closing at that moment fails the request with a reset before any answer.
        limits = httpx2.Limits(max_connections=1000, max_keepalive_connections=100, keepalive_expiry=KEEPALIVE_S)
        self._client = AsyncOpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            max_retries=0,
            timeout=timeout_s,
            http_client=DefaultAsyncHttpxClient(limits=limits),
        )

    async def stream(
        self, template_id: str, messages: list[ChatMessage], temperature: float
    ) -> AsyncIterator[ModelDelta]:
        try:
            response = await self._client.post(
                "/chat/completions",
                cast_to=object,
                body={
                    "model": self.model,
                    "messages": [m.model_dump() for m in messages],
                    "temperature": temperature,
                    "stream": True,
                    "stream_options": {"include_usage": True},
                },
                options={"headers": {"X-Template-Id": template_id}},
                stream=True,
                stream_cls=AsyncStream[object],
            )
            async with response:
                async for chunk in response:
                    if isinstance(chunk, dict):
                        yield delta_of(chunk)
        except openai.APIError as exc:
            raise job_error(exc) from exc

    async def close(self) -> None:
        await self._client.close()


def job_error(exc: openai.APIError) -> JobError:
    """The worker's error for a failure the SDK reported."""
    if isinstance(exc, openai.APITimeoutError):
        return ModelTimeoutError("the model endpoint did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        detail = f" ({type(cause).__name__}: {str(cause)[:120]})" if cause is not None else ""
        return ConnectionLostError(f"the connection to the model endpoint failed or was dropped{detail}")
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status == 429:
            wait = retry_after_s(exc.response.headers)
            return RateLimitedError("the model endpoint is rate limiting requests (429)", wait)
        if status in (408, 409) or status >= 500:
            return ModelUnavailableError(f"the model endpoint answered {status}", retry_after_s(exc.response.headers))
        return RequestRejectedError(f"the model endpoint refused the request ({status}): {_reason(exc)}")
    return ModelUnavailableError(f"the model endpoint reported an error mid-stream: {exc.message}")


def retry_after_s(headers: Any) -> float | None:
    """`retry-after-ms`, or `Retry-After` in seconds or as an HTTP date; None when absent or unreadable."""
    if milliseconds := headers.get("retry-after-ms"):
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message") or (body.get("error") or {}).get("message")
        if isinstance(message, str):
            return message[:300]
    return exc.message[:300]


def delta_of(chunk: dict[str, Any]) -> ModelDelta:
    """One streamed `chat.completion.chunk`, whatever the provider left out."""
    usage = chunk.get("usage")
    usage = usage if isinstance(usage, dict) and usage else None
    choices = chunk.get("choices")
    if not choices or not isinstance(choices, list) or not isinstance(choices[0], dict):
        return ModelDelta(usage=usage)
    choice = choices[0]
    delta = choice.get("delta")
    finish_reason = choice.get("finish_reason")
    finish_reason = finish_reason if isinstance(finish_reason, str) else None
    if not isinstance(delta, dict):
        return ModelDelta(usage=usage, finish_reason=finish_reason)
    content = delta.get("content")
    reasoning = delta.get("reasoning_content") or delta.get("reasoning")
    return ModelDelta(
        content=content if isinstance(content, str) else "",
        reasoning=reasoning if isinstance(reasoning, str) else "",
        usage=usage,
        finish_reason=finish_reason,
    )
