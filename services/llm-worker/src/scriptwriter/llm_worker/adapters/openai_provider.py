"""Any OpenAI-compatible endpoint through the `openai` SDK; the bus owns retries (`max_retries=0`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import openai
from openai import AsyncOpenAI

from scriptwriter.contracts.messages import ChatMessage

from ..errors import PermanentError, RetryableError
from ..ports import ModelDelta


class OpenAIProvider:
    def __init__(self, base_url: str, api_key: str | None, model: str, timeout_s: float) -> None:
        self.model = model
        self._client = AsyncOpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=0, timeout=timeout_s)

    async def stream(
        self, template_id: str, messages: list[ChatMessage], temperature: float
    ) -> AsyncIterator[ModelDelta]:
        try:
            response = await self._client.chat.completions.create(  # type: ignore[call-overload]
                model=self.model,
                messages=[m.model_dump() for m in messages],
                temperature=temperature,
                stream=True,
                stream_options={"include_usage": True},
                extra_headers={"X-Template-Id": template_id},
            )
            async with response:
                async for chunk in response:
                    yield _delta(chunk)
        except (openai.RateLimitError, openai.InternalServerError, openai.APITimeoutError) as exc:
            raise RetryableError(f"model endpoint unavailable: {type(exc).__name__}") from exc
        except openai.APIConnectionError as exc:
            raise RetryableError("connection to the model endpoint failed") from exc
        except openai.APIStatusError as exc:
            if exc.status_code in (408, 409) or exc.status_code >= 500:
                raise RetryableError(f"model endpoint answered {exc.status_code}") from exc
            raise PermanentError(f"model endpoint refused the request ({exc.status_code})") from exc

    async def close(self) -> None:
        await self._client.close()


def _delta(chunk: Any) -> ModelDelta:
    usage = chunk.usage.model_dump() if getattr(chunk, "usage", None) else None
    if not chunk.choices:
        return ModelDelta(usage=usage)
    choice = chunk.choices[0]
    delta = choice.delta
    reasoning = getattr(delta, "reasoning_content", None) or getattr(delta, "reasoning", None) or ""
    return ModelDelta(
        content=(delta.content or "") if delta else "",
        reasoning=reasoning if isinstance(reasoning, str) else "",
        usage=usage,
        finish_reason=choice.finish_reason,
    )
