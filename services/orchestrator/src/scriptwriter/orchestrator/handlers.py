"""RPC operations the gateway calls on the orchestrator."""

from __future__ import annotations

from scriptwriter.contracts.ids import is_valid_id
from scriptwriter.servicekit.rpc import Handler, NotFoundError, Payload

from .runner import Orchestrator


def _id(payload: Payload, key: str) -> str:
    value = payload.get(key)
    if not is_valid_id(value):
        raise NotFoundError(f"unknown {key}")
    assert isinstance(value, str)
    return value


def build_handlers(orchestrator: Orchestrator) -> dict[str, Handler]:
    async def start(p: Payload) -> Payload:
        return await orchestrator.start_execution(_id(p, "userId"), str(p.get("workflowId")), p.get("inputs"))

    async def submit(p: Payload) -> Payload:
        return await orchestrator.submit_input(_id(p, "userId"), _id(p, "executionId"), _id(p, "nodeId"), p.get("data"))

    async def draft(p: Payload) -> Payload:
        return await orchestrator.save_draft(_id(p, "userId"), _id(p, "executionId"), _id(p, "nodeId"), p.get("data"))

    async def get_input(p: Payload) -> Payload:
        return await orchestrator.get_input(_id(p, "userId"), _id(p, "executionId"), _id(p, "nodeId"))

    async def cancel(p: Payload) -> Payload:
        return await orchestrator.cancel_execution(_id(p, "userId"), _id(p, "executionId"))

    async def rerun(p: Payload) -> Payload:
        return await orchestrator.rerun_node(_id(p, "userId"), _id(p, "executionId"), _id(p, "nodeId"))

    async def timings(_p: Payload) -> Payload:
        return {"timings": orchestrator.timings.summary()}

    return {
        "stats.timings": timings,
        "nodes.rerun": rerun,
        "executions.start": start,
        "inputs.submit": submit,
        "inputs.draft": draft,
        "inputs.get": get_input,
        "executions.cancel": cancel,
    }
