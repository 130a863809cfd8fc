"""Rerunning a node: it and everything downstream run again; upstream results are reused; human nodes
downstream wait again with what was submitted kept as their draft."""

from __future__ import annotations

from scriptwriter.contracts.messages import CancelTransform
from scriptwriter.contracts.status import ExecutionStatus, NodeStatus
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.rpc import ConflictError, NotFoundError
from scriptwriter.servicekit.store_client import StoreClient
from scriptwriter.workflow import NodeType, WorkflowDefinition

from .finish import streaming_transforms
from .transition import Transition


def downstream(definition: WorkflowDefinition, node_id: str) -> list[str]:
    """The node and every node reachable from it, in definition order."""
    reached, stack = {node_id}, [node_id]
    while stack:
        for edge in definition.outgoing(stack.pop()):
            if edge.target not in reached:
                reached.add(edge.target)
                stack.append(edge.target)
    return [n for n in definition.nodes if n in reached]


async def reset_for_rerun(store: StoreClient, tx: Transition, node_id: str) -> None:
    definition = tx.program.definition
    if node_id not in definition.nodes:
        raise NotFoundError(f"no node {node_id} in this workflow")
    if tx.node(node_id)["status"] == NodeStatus.PENDING.value:
        raise ConflictError(f"node {node_id} has not run yet")
    for affected in downstream(definition, node_id):
        node = tx.node(affected)
        status = NodeStatus(node["status"])
        if status is NodeStatus.RUNNING and node.get("jobId"):
            command = CancelTransform(userId=tx.user_id, executionId=tx.execution_id, jobId=node["jobId"])
            tx.cancels.append((command, await streaming_transforms(store, tx, job_id=node["jobId"])))
        if definition.nodes[affected].type is NodeType.HUMAN and status is NodeStatus.COMPLETED:
            await _keep_as_draft(store, tx, affected)
        tx.set_node(affected, status=NodeStatus.PENDING, outputs=None, error=None)
    tx.doc["status"] = ExecutionStatus.RUNNING.value
    tx.doc.pop("result", None)
    tx.doc.pop("error", None)


async def _keep_as_draft(store: StoreClient, tx: Transition, node_id: str) -> None:
    try:
        latest = await store.latest_input(tx.execution_id, node_id)
    except NotFoundError:
        return
    if latest["submitted"]:
        await store.save_input(
            {
                "executionId": tx.execution_id,
                "nodeId": node_id,
                "userId": tx.user_id,
                "data": latest["data"],
                "submitted": False,
                "createdAt": utc_now(),
            }
        )
