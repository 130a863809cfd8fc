"""`/api/workflow/execution`: create, list, snapshot, cancel, human input, and the SSE event stream."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..auth import CurrentUser, current_user, refuse_cross_site
from ..bodies import read_json, read_model
from ..deps import services
from ..ids import checked_id
from ..sse import SseResponse
from ..streams import build_snapshot, event_stream

router = APIRouter(prefix="/api/workflow/execution", tags=["executions"])
User = Annotated[CurrentUser, Depends(current_user)]
EVENT_ID = re.compile(r"[0-9]{1,18}")
"""A `Last-Event-ID` worth resuming from; anything else starts from the snapshot."""


class CreateExecution(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workflowId: str
    inputs: dict[str, Any] | None = None


_CREATE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": CreateExecution.model_json_schema()}},
    }
}
_ANY_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
}


async def _start(request: Request, user: CurrentUser, workflow_id: str, inputs: Any) -> dict[str, Any]:
    return await services(request).orchestrator.call(
        "executions.start", {"userId": user.id, "workflowId": workflow_id, "inputs": inputs}, timeout=15
    )


@router.post("", status_code=201, openapi_extra=_CREATE_BODY)
async def create_execution(request: Request, user: User) -> dict[str, Any]:
    body = await read_model(request, CreateExecution)
    started = await _start(request, user, checked_id(body.workflowId, "workflow"), body.inputs)
    return {"executionId": started["executionId"], "status": started["status"]}


@router.get("")
async def list_executions(request: Request, user: User) -> list[dict[str, Any]]:
    executions = await services(request).store.list_executions(user.id)
    keys = ("workflowId", "status", "currentNode", "progress", "createdAt", "updatedAt", "inputs", "result")
    return [{"executionId": e["id"], **{k: e.get(k) for k in keys}} for e in executions]


def _sse_response(request: Request, stream: AsyncIterator[bytes]) -> SseResponse:
    settings = services(request).settings
    return SseResponse(stream, ping_interval_s=settings.ping_interval_s, send_timeout_s=settings.send_timeout_s)


@router.get("/new/events", response_class=SseResponse, status_code=200)
async def new_execution_events(request: Request, user: User, workflowId: str) -> SseResponse:
    refuse_cross_site(request, user)  # it creates an execution, so it is a write, GET or not
    started = await _start(request, user, checked_id(workflowId, "workflow"), None)
    execution = await services(request).store.get_execution(started["executionId"], user.id)
    svc = services(request)
    return _sse_response(request, event_stream(svc.events, svc.hub, svc.store, execution, None))


@router.get("/{execution_id}")
async def get_execution(execution_id: str, request: Request, user: User) -> dict[str, Any]:
    svc = services(request)
    execution = await svc.store.get_execution(checked_id(execution_id, "execution"), user.id)
    _seq, data = await build_snapshot(svc.events, svc.store, execution)
    return data


@router.get("/{execution_id}/events", response_class=SseResponse, status_code=200)
async def execution_events(
    execution_id: str,
    request: Request,
    user: User,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> SseResponse:
    svc = services(request)
    execution = await svc.store.get_execution(checked_id(execution_id, "execution"), user.id)
    resume = int(last_event_id) if last_event_id and EVENT_ID.fullmatch(last_event_id.strip()) else None
    return _sse_response(request, event_stream(svc.events, svc.hub, svc.store, execution, resume))


@router.post("/{execution_id}/cancel", status_code=202)
async def cancel_execution(execution_id: str, request: Request, user: User) -> dict[str, Any]:
    payload = {"userId": user.id, "executionId": checked_id(execution_id, "execution")}
    return await services(request).orchestrator.call("executions.cancel", payload)


@router.post("/{execution_id}/nodes/{node_id}/rerun", status_code=202)
async def rerun_node(execution_id: str, node_id: str, request: Request, user: User) -> dict[str, Any]:
    payload = _input_payload(user, execution_id, node_id)
    return await services(request).orchestrator.call("nodes.rerun", payload, timeout=15)


def _input_payload(user: CurrentUser, execution_id: str, node_id: str) -> dict[str, Any]:
    return {
        "userId": user.id,
        "executionId": checked_id(execution_id, "execution"),
        "nodeId": checked_id(node_id, "node"),
    }


@router.get("/{execution_id}/input/{node_id}")
async def get_input(execution_id: str, node_id: str, request: Request, user: User) -> dict[str, Any]:
    return await services(request).orchestrator.call("inputs.get", _input_payload(user, execution_id, node_id))


@router.put("/{execution_id}/input/{node_id}", openapi_extra=_ANY_BODY)
async def save_draft(execution_id: str, node_id: str, request: Request, user: User) -> dict[str, Any]:
    payload = _input_payload(user, execution_id, node_id)
    data = await read_json(request)
    reply = await services(request).orchestrator.call("inputs.draft", {**payload, "data": data})
    return {"version": reply["version"]}


@router.post("/{execution_id}/input/{node_id}", status_code=202, openapi_extra=_ANY_BODY)
async def submit_input(execution_id: str, node_id: str, request: Request, user: User) -> JSONResponse:
    payload = _input_payload(user, execution_id, node_id)
    data = await read_json(request)
    reply = await services(request).orchestrator.call("inputs.submit", {**payload, "data": data}, timeout=15)
    return JSONResponse({"status": reply["status"], "version": reply["version"]}, status_code=202)
