"""Loading the artifacts an execution's initial inputs name, once, when it starts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scriptwriter.catalog import WorkflowProgram
from scriptwriter.servicekit.rpc import InvalidRequestError, NotFoundError
from scriptwriter.servicekit.store_client import StoreClient


async def resolved_artifact(store: StoreClient, artifact_id: str, user_id: str) -> dict[str, Any]:
    """An artifact as the writer sees it: a `user_input` edit is applied to the artifact it modifies."""
    artifact = await store.get_artifact(artifact_id, user_id)
    if artifact["type"] != "user_input":
        return {"id": artifact["id"], "type": artifact["type"], "data": artifact["data"]}
    original = await resolved_artifact(store, artifact["data"]["originalArtifactId"], user_id)
    data = {**original["data"], **artifact["data"]["modifications"]}
    return {"id": artifact["id"], "type": original["type"], "data": data, "editOf": original["id"]}


async def load_sources(
    store: StoreClient, program: WorkflowProgram, user_id: str, inputs: Mapping[str, Any]
) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    for role, spec in program.sources(inputs).items():
        problem = None
        try:
            artifact = await store.get_artifact(spec.artifact_id, user_id)
            if artifact["type"] not in spec.types:
                problem = f"must be an artifact of type {' or '.join(spec.types)}"
            else:
                sources[role] = await resolved_artifact(store, spec.artifact_id, user_id)
        except NotFoundError:
            problem = "no such artifact"
        if problem:
            raise InvalidRequestError("validation failed", [{"path": list(spec.path), "message": problem}])
    history = program.history(inputs)
    if history is not None:
        found = await store.list_artifacts(user_id, history.type, None, history.scope)
        latest: dict[int, dict[str, Any]] = {}
        for artifact in sorted(found, key=lambda a: a["createdAt"]):
            order = int(artifact["data"].get(history.order_key, 0))
            if order < history.before:
                latest[order] = {"id": artifact["id"], "data": artifact["data"]}
        sources["history"] = [latest[k] for k in sorted(latest)]
    return sources
