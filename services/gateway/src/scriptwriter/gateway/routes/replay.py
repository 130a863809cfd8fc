"""`POST /api/transforms/{id}/replay`: re-stream the recorded chunks (no model call), or send the stored prompt
again and compare the answer with the recorded one."""

from __future__ import annotations

import difflib
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from ..auth import CurrentUser, current_user
from ..bodies import read_model
from ..deps import services
from ..errors import ApiError
from ..ids import checked_id
from ..sse import SseResponse, sse_frame

router = APIRouter(tags=["artifacts"])
User = Annotated[CurrentUser, Depends(current_user)]
MAX_DIFFERENCES = 200


class ReplayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["recorded", "rerun"]


_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": ReplayRequest.model_json_schema()}}}
}


_event = sse_frame


async def _recorded(transform: dict[str, Any], chunks: list[dict[str, Any]]) -> AsyncIterator[bytes]:
    base = {"executionId": transform["executionId"], "nodeId": transform["nodeId"], "transformId": transform["id"]}
    yield _event(0, "workflow_node_start", {**base, "attempt": transform.get("attempt", 1)})
    for chunk in chunks:
        yield _event(chunk["index"] + 1, "transform_chunk", {**base, "index": chunk["index"], "delta": chunk["delta"]})
    status = transform.get("status") if transform.get("status") in ("completed", "failed", "cancelled") else "completed"
    yield _event(len(chunks) + 1, "workflow_progress", {**base, "status": status, "progress": 100})


def compare(recorded: str, fresh: str) -> dict[str, Any]:
    similarity = difflib.SequenceMatcher(None, recorded, fresh, autojunk=False).ratio()
    diff = difflib.unified_diff(
        recorded.splitlines(), fresh.splitlines(), fromfile="recorded", tofile="rerun", lineterm="", n=0
    )
    differences = [line for line in diff if not line.startswith(("---", "+++"))][:MAX_DIFFERENCES]
    return {"similarity": round(similarity, 4), "differences": differences}


@router.post("/api/transforms/{transform_id}/replay", openapi_extra=_BODY, response_model=None)
async def replay(transform_id: str, request: Request, user: User) -> Response:
    svc = services(request)
    transform = await svc.store.get_transform(checked_id(transform_id, "transform"), user.id)
    body = await read_model(request, ReplayRequest)
    if transform.get("type") != "llm":
        raise ApiError(
            422,
            "validation_failed",
            "only LLM transforms can be replayed",
            [{"path": ["transformId"], "message": "not an LLM transform"}],
        )
    chunks = await svc.store.get_chunks(transform["id"], user.id)
    if body.mode == "recorded":
        return SseResponse(_recorded(transform, chunks))
    recorded = "".join(c["delta"] for c in chunks)
    answer = await svc.llm.call(
        "complete", {"templateId": transform.get("templateId"), "messages": transform.get("prompt") or []}, timeout=180
    )
    return JSONResponse({**compare(recorded, answer["text"]), "model": transform.get("model")})
