"""What happens at each kind of node: human input completes, LLM results become artifacts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from scriptwriter.catalog import NewArtifact, Submission
from scriptwriter.contracts.artifacts import ARTIFACT_PAYLOAD
from scriptwriter.contracts.events import UiHints, UserInputRequired, WorkflowNodeStart, WorkflowProgress
from scriptwriter.contracts.ids import derived_id
from scriptwriter.contracts.messages import ChatMessage, GenerateText, NodeFinished
from scriptwriter.contracts.status import NodeStatus
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.store_client import StoreClient

from .transition import Transition


def resolve_refs(value: Any, artifact_ids: list[str]) -> Any:
    """Replace `{"$artifact": i}` placeholders with the ids of the written artifacts."""
    if isinstance(value, Mapping):
        if set(value) == {"$artifact"}:
            return artifact_ids[int(value["$artifact"])]
        return {k: resolve_refs(v, artifact_ids) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_refs(v, artifact_ids) for v in value]
    return value


def artifact_docs(
    tx: Transition, transform_id: str, artifacts: list[NewArtifact] | tuple[NewArtifact, ...]
) -> list[dict[str, Any]]:
    now = utc_now()
    docs = []
    for index, artifact in enumerate(artifacts):
        payload = ARTIFACT_PAYLOAD.validate_python({"type": artifact.type, "data": dict(artifact.data)})
        docs.append(
            {
                "id": derived_id("art", transform_id, index),
                "type": artifact.type,
                "version": "v1",
                "userId": tx.user_id,
                "executionId": tx.execution_id,
                "transformId": transform_id,
                "scope": tx.program.scope(tx.doc.get("inputs") or {}),
                "createdAt": now,
                "data": payload.data.model_dump(mode="json") if isinstance(payload.data, BaseModel) else payload.data,
            }
        )
    return docs


def wait_for_input(tx: Transition, node_id: str, draft: dict[str, Any] | None = None) -> None:
    node = tx.node(node_id)
    run = node["run"] + 1
    tx.set_node(node_id, status=NodeStatus.WAITING_INPUT, attempt=1, run=run)
    human = tx.program.human[node_id]
    tx.emit(WorkflowNodeStart(executionId=tx.execution_id, nodeId=node_id, attempt=1), f"{node_id}:{run}:start")
    tx.emit(
        UserInputRequired(
            executionId=tx.execution_id,
            nodeId=node_id,
            initialData=human.initial_data(tx.context()),
            schema_=human.schema.model_json_schema(),
            ui=UiHints(component=human.component, autoSave=True, debounceMs=human.debounce_ms),
            draft=draft,
        ),
        f"{node_id}:{run}:input",
    )


async def complete_human(store: StoreClient, tx: Transition, node_id: str, data: BaseModel) -> None:
    submission: Submission = tx.program.human[node_id].submit(tx.context(), data)
    run = max(tx.node(node_id)["run"], 1)
    transform_id = derived_id("tr", tx.execution_id, node_id, run, "human")
    docs = artifact_docs(tx, transform_id, submission.artifacts)
    ids = [d["id"] for d in docs]
    if docs:
        await store.put_artifacts(docs)
        inputs = [{"artifactId": a, "role": r} for a, r in submission.transform_inputs]
        now = utc_now()
        await store.put_transform(
            {
                "id": transform_id,
                "type": "human",
                "action": submission.action,
                "userId": tx.user_id,
                "executionId": tx.execution_id,
                "nodeId": node_id,
                "status": "completed",
                "inputs": inputs,
                "inputIds": [i["artifactId"] for i in inputs],
                "outputs": [{"artifactId": i, "role": a.role} for i, a in zip(ids, submission.artifacts, strict=True)],
                "outputIds": ids,
                "modifications": dict(submission.modifications) if submission.modifications else None,
                "attempt": 1,
                "createdAt": now,
                "completedAt": now,
            }
        )
    outputs = resolve_refs(dict(submission.outputs), ids)
    tx.set_node(node_id, status=NodeStatus.COMPLETED, outputs=outputs, run=run)
    tx.emit(
        WorkflowProgress(
            executionId=tx.execution_id,
            nodeId=node_id,
            status="completed",
            progress=tx.progress,
            outputs=outputs,
        ),
        f"{node_id}:{run}:completed",
    )


def skip_node(tx: Transition, node_id: str) -> None:
    run = tx.node(node_id)["run"]
    tx.set_node(node_id, status=NodeStatus.SKIPPED)
    tx.emit(
        WorkflowProgress(executionId=tx.execution_id, nodeId=node_id, status="skipped", progress=tx.progress),
        f"{node_id}:{run}:skipped",
    )


def run_compute(tx: Transition, node_id: str) -> None:
    """Compute nodes are pure and quick: they run inside the transition that reaches them."""
    compute = tx.program.compute.get(node_id)
    outputs = compute.run(tx.context()) if compute is not None else {}
    run = tx.node(node_id)["run"] + 1
    tx.set_node(node_id, status=NodeStatus.COMPLETED, outputs=outputs, run=run, attempt=1)
    tx.emit(WorkflowNodeStart(executionId=tx.execution_id, nodeId=node_id, attempt=1), f"{node_id}:{run}:start")
    tx.emit(
        WorkflowProgress(
            executionId=tx.execution_id, nodeId=node_id, status="completed", progress=tx.progress, outputs=outputs
        ),
        f"{node_id}:{run}:completed",
    )


def dispatch_llm(tx: Transition, node_id: str) -> None:
    llm = tx.program.llm[node_id]
    spec = tx.program.definition.nodes[node_id]
    run = tx.node(node_id)["run"] + 1
    job_id = f"{tx.execution_id}:{node_id}:{run}"
    messages: list[ChatMessage] = llm.messages(tx.context())
    tx.set_node(node_id, status=NodeStatus.RUNNING, run=run, jobId=job_id)
    tx.jobs.append(
        GenerateText(
            jobId=job_id,
            executionId=tx.execution_id,
            userId=tx.user_id,
            nodeId=node_id,
            run=run,
            templateId=llm.template_id,
            messages=messages,
            inputs=[{"artifactId": a, "role": r} for a, r in llm.inputs(tx.context())],
            maxAttempts=spec.execution.max_attempts if spec.execution.retryable else 1,
        )
    )


async def finish_llm(store: StoreClient, tx: Transition, result: NodeFinished) -> None:
    node_id = result.nodeId
    if result.status == "completed" and result.output is not None:
        llm = tx.program.llm[node_id]
        new = llm.artifacts(tx.context(), result.output)
        docs = artifact_docs(tx, result.transformId, new)
        ids = [d["id"] for d in docs]
        await store.put_artifacts(docs)
        await store.put_transform(
            {
                "id": result.transformId,
                "outputs": [{"artifactId": i, "role": a.role} for i, a in zip(ids, new, strict=True)],
                "outputIds": ids,
            }
        )
        outputs = llm.outputs(tx.context(), result.output, ids)
        tx.set_node(
            node_id,
            status=NodeStatus.COMPLETED,
            outputs=outputs,
            attempt=result.attempt,
            transformId=result.transformId,
        )
        event = WorkflowProgress(
            executionId=tx.execution_id,
            nodeId=node_id,
            status="completed",
            progress=tx.progress,
            outputs=outputs,
        )
    else:
        status = NodeStatus.CANCELLED if result.status == "cancelled" else NodeStatus.FAILED
        error = result.error.model_dump() if result.error else None
        tx.set_node(node_id, status=status, error=error, attempt=result.attempt, transformId=result.transformId)
        event = WorkflowProgress(
            executionId=tx.execution_id,
            nodeId=node_id,
            status=status.value,
            progress=tx.progress,
            error=result.error,
        )
    tx.emit(event, f"{node_id}:{result.run}:{event.status}")
