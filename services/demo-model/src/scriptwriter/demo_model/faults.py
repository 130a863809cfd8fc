"""Faults a test queues with `POST /_demo/faults`, applied to the next matching requests in order.

Each fault matches a template id (`*` matches every request) and is used `count` times before the next one
queued for that template applies. Kinds:

- `status_429` / `status_500` / `status_503` / `status_400` / `status_401`: an OpenAI-style error response
  (429 carries `Retry-After: 1`); 400 and 401 are permanent refusals.
- `hang`: accept the request and send nothing, not even headers, for `delayS` seconds (default 30), then answer.
- `drop`: stream `afterChunks` text chunks, then close the connection without finishing the body or `[DONE]`.
- `truncate`: stream `afterChunks` text chunks, then `finish_reason: "length"` and `[DONE]`.
- `malformed`: prose with no JSON in it. `broken_json`: JSON with trailing commas and a missing closing brace.
- `think_inline`: a `<think>…</think>` block before the answer (tags sometimes in upper or mixed case).
- `reasoning_content`: the reasoning streamed first as `delta.reasoning_content`, then the answer.
- `fenced`: the answer inside a ```json fence followed by a sentence of prose.
- `slow`: `delayS` seconds (default 0.5) between chunks. `no_usage`: no usage chunk even when asked for.
- `empty_choices`: chunks with `"choices": []` between the text chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class FaultKind(StrEnum):
    STATUS_429 = "status_429"
    STATUS_500 = "status_500"
    STATUS_503 = "status_503"
    STATUS_400 = "status_400"
    STATUS_401 = "status_401"
    HANG = "hang"
    DROP = "drop"
    TRUNCATE = "truncate"
    MALFORMED = "malformed"
    BROKEN_JSON = "broken_json"
    THINK_INLINE = "think_inline"
    REASONING_CONTENT = "reasoning_content"
    FENCED = "fenced"
    SLOW = "slow"
    NO_USAGE = "no_usage"
    EMPTY_CHOICES = "empty_choices"


DEFAULT_DELAY_S = {FaultKind.HANG: 30.0, FaultKind.SLOW: 0.5}


@dataclass(frozen=True)
class ErrorReply:
    status: int
    type: str
    code: str | None
    message: str


ERROR_REPLIES: dict[FaultKind, ErrorReply] = {
    FaultKind.STATUS_429: ErrorReply(
        429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached for demo-model. Please try again in 1s."
    ),
    FaultKind.STATUS_500: ErrorReply(
        500, "server_error", None, "The server had an error while processing your request. Sorry about that!"
    ),
    FaultKind.STATUS_503: ErrorReply(
        503, "server_error", "service_unavailable", "The engine is currently overloaded, please try again later."
    ),
    FaultKind.STATUS_400: ErrorReply(
        400,
        "invalid_request_error",
        "context_length_exceeded",
        "This model's maximum context length is 8192 tokens. Please reduce the length of the messages.",
    ),
    FaultKind.STATUS_401: ErrorReply(
        401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided. Check the key you are using."
    ),
}


def error_body(reply: ErrorReply) -> dict[str, Any]:
    return {"error": {"message": reply.message, "type": reply.type, "param": None, "code": reply.code}}


class Fault(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    template: str = "*"
    kind: FaultKind
    count: int = Field(default=1, ge=1, le=10_000)
    after_chunks: int = Field(default=10, ge=0, alias="afterChunks")
    delay_s: float | None = Field(default=None, ge=0, le=3600, alias="delayS")
    retry_after_s: int | None = Field(default=1, ge=0, le=3600, alias="retryAfterS")
    """The `Retry-After` header of a 429, in seconds; null sends none."""
    prompt_contains: str | None = Field(default=None, min_length=1, alias="promptContains")
    """Only requests whose prompt holds this text (a marker of one execution, say) meet the fault."""

    @property
    def delay(self) -> float:
        return self.delay_s if self.delay_s is not None else DEFAULT_DELAY_S.get(self.kind, 0.0)

    def matches(self, template: str, prompt: str = "") -> bool:
        return self.template in ("*", template) and (self.prompt_contains is None or self.prompt_contains in prompt)


class FaultsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    faults: list[Fault] = Field(min_length=1)


class FaultQueue:
    """Queued faults with the uses each has left; `take` hands out the first one matching a template."""

    def __init__(self) -> None:
        self._queue: list[tuple[Fault, int]] = []

    def add(self, faults: list[Fault]) -> None:
        self._queue.extend((fault, fault.count) for fault in faults)

    def clear(self) -> int:
        cleared = len(self._queue)
        self._queue.clear()
        return cleared

    def take(self, template: str, prompt: str = "") -> Fault | None:
        for index, (fault, remaining) in enumerate(self._queue):
            if fault.matches(template, prompt):
                if remaining > 1:
                    self._queue[index] = (fault, remaining - 1)
                else:
                    del self._queue[index]
                return fault
        return None

    def pending(self) -> list[dict[str, Any]]:
        return [
            {**fault.model_dump(mode="json", by_alias=True), "delayS": fault.delay, "remaining": left}
            for fault, left in self._queue
        ]
