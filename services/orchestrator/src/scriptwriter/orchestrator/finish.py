"""How a run ends: finished (completed, failed or cancelled by its nodes) or cancelled by the writer."""

from __future__ import annotations

import logging
from typing import Any

from scriptwriter.contracts.events import WorkflowFinished, WorkflowProgress
from scriptwriter.contracts.messages import CancelTransform
from scriptwriter.contracts.status import ExecutionStatus, NodeStatus
from scriptwriter.servicekit.rpc import ConflictError
from scriptwriter.servicekit.store_client import StoreClient

from .transition import Transition

log = logging.getLogger("scriptwriter.orchestrator")


def finish(tx: Transition) -> None:
    """The run is over: failed if a node failed, cancelled if a node was stopped, else completed.

    Each finish has its own message id, so finishing again after a rerun is announced again."""
    statuses = tx.statuses
    finish_id = f"finished:{tx.doc.get('finishes', 0) + 1}"
    tx.doc["finishes"] = tx.doc.get("finishes", 0) + 1
    failed = [n for n, s in statuses.items() if s is NodeStatus.FAILED]
    cancelled = [n for n, s in statuses.items() if s is NodeStatus.CANCELLED]
    result: dict[str, Any] | None = None
    error = tx.node(failed[0]).get("error") if failed else None
    if not failed and not cancelled:
        try:
            result = tx.program.result(tx.context())
        except (KeyError, TypeError, ValueError) as exc:
            log.exception("execution %s finished without a result", tx.execution_id)
            error = {
                "code": "no_result",
                "message": f"the workflow ended without a result ({exc})",
                "retryable": True,
            }
    if error is not None:
        tx.doc.update(status=ExecutionStatus.FAILED.value, error=error)
        event = WorkflowFinished(executionId=tx.execution_id, event="workflow_failed", status="failed", error=error)
    elif cancelled:
        tx.doc.update(status=ExecutionStatus.CANCELLED.value)
        event = WorkflowFinished(executionId=tx.execution_id, event="workflow_cancelled", status="cancelled")
    else:
        tx.doc.update(status=ExecutionStatus.COMPLETED.value, result=result)
        event = WorkflowFinished(
            executionId=tx.execution_id, event="workflow_completed", status="completed", result=result
        )
    tx.emit(event, finish_id)


async def cancel(store: StoreClient, tx: Transition) -> None:
    """Every running or waiting node ends `cancelled`, and so does the run; the workers streaming its nodes are
    told to stop (and confirm before the end is announced)."""
    if tx.finished:
        raise ConflictError("execution has already finished")
    for node_id, status in tx.statuses.items():
        if status in (NodeStatus.RUNNING, NodeStatus.STREAMING, NodeStatus.WAITING_INPUT):
            run = tx.node(node_id)["run"]
            tx.set_node(node_id, status=NodeStatus.CANCELLED)
            tx.emit(
                WorkflowProgress(executionId=tx.execution_id, nodeId=node_id, status="cancelled", progress=tx.progress),
                f"{node_id}:{run}:cancelled",
            )
    tx.doc["status"] = ExecutionStatus.CANCELLED.value
    tx.doc["finishes"] = tx.doc.get("finishes", 0) + 1
    command = CancelTransform(userId=tx.user_id, executionId=tx.execution_id)
    tx.cancels.append((command, await streaming_transforms(store, tx)))
    tx.emit(
        WorkflowFinished(executionId=tx.execution_id, event="workflow_cancelled", status="cancelled"),
        f"finished:{tx.doc['finishes']}",
    )


async def streaming_transforms(store: StoreClient, tx: Transition, job_id: str | None = None) -> int:
    """How many of the execution's LLM transforms (of one job, if given) a worker is streaming now."""
    transforms = await store.list_transforms(tx.user_id, tx.execution_id)
    return sum(
        1
        for t in transforms
        if t.get("type") == "llm" and t.get("status") == "streaming" and job_id in (None, t.get("jobId"))
    )
