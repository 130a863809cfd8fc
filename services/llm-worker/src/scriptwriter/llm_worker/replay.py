"""Answering a stored prompt again outside any execution: the visible text only, nothing published."""

from __future__ import annotations

from scriptwriter.contracts.ids import is_valid_id
from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.servicekit.rpc import Handler, InvalidRequestError, Payload, RpcError

from .errors import JobError
from .ports import ModelProvider
from .reasoning import ReasoningFilter


async def complete_visible_text(provider: ModelProvider, template_id: str, messages: list[ChatMessage]) -> str:
    reasoning = ReasoningFilter()
    parts: list[str] = []
    async for delta in provider.stream(template_id, messages, temperature=0.8):
        if delta.content:
            parts += [p.text for p in reasoning.feed(delta.content) if p.kind == "text"]
    parts += [p.text for p in reasoning.finish() if p.kind == "text"]
    return "".join(parts)


def build_replay_handlers(provider: ModelProvider) -> dict[str, Handler]:
    async def complete(payload: Payload) -> Payload:
        template_id = payload.get("templateId")
        if not is_valid_id(template_id):
            raise InvalidRequestError("invalid templateId")
        try:
            messages = [ChatMessage.model_validate(m) for m in payload.get("messages") or []]
        except ValueError as exc:
            raise InvalidRequestError("invalid messages") from exc
        try:
            return {"text": await complete_visible_text(provider, str(template_id), messages)}
        except JobError as exc:
            raise RpcError(str(exc), code="model_unavailable" if exc.retryable else "model_refused") from exc

    return {"complete": complete}
