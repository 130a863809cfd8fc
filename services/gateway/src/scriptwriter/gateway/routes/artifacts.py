"""`/api/artifacts`, `/api/transforms` and `/api/streaming/cancel`: what was made, from what, and how."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from scriptwriter.contracts.artifacts import ARTIFACT_TYPES
from scriptwriter.contracts.messages import CancelTransform

from ..auth import CurrentUser, current_user
from ..deps import services
from ..errors import ApiError
from ..ids import checked_id

router = APIRouter(tags=["artifacts"])
User = Annotated[CurrentUser, Depends(current_user)]

_ARTIFACT_KEYS = ("id", "type", "version", "data", "createdAt", "executionId", "transformId")
_TRANSFORM_KEYS = (
    "id",
    "type",
    "status",
    "nodeId",
    "executionId",
    "inputs",
    "outputs",
    "prompt",
    "model",
    "rawResponse",
    "usage",
    "attempt",
    "action",
    "modifications",
    "error",
    "createdAt",
    "completedAt",
)


def _artifact(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc.get(k) for k in _ARTIFACT_KEYS}


def _transform(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in _TRANSFORM_KEYS if k in doc}


@router.get("/api/artifacts")
async def list_artifacts(
    request: Request, user: User, type: str | None = None, executionId: str | None = None
) -> list[dict[str, Any]]:
    if type is not None and type not in ARTIFACT_TYPES:
        raise ApiError(
            422,
            "validation_failed",
            "unknown artifact type",
            [{"path": ["query", "type"], "message": f"one of {', '.join(ARTIFACT_TYPES)}"}],
        )
    if executionId is not None:
        checked_id(executionId, "execution")
    docs = await services(request).store.list_artifacts(user.id, type, executionId)
    return [_artifact(d) for d in docs]


@router.get("/api/artifacts/{artifact_id}")
async def get_artifact(artifact_id: str, request: Request, user: User) -> dict[str, Any]:
    return _artifact(await services(request).store.get_artifact(checked_id(artifact_id, "artifact"), user.id))


@router.get("/api/artifacts/{artifact_id}/lineage")
async def lineage(artifact_id: str, request: Request, user: User) -> dict[str, Any]:
    found = await services(request).store.lineage(checked_id(artifact_id, "artifact"), user.id)
    return {
        "ancestors": [_artifact(a) for a in found["ancestors"]],
        "descendants": [_artifact(a) for a in found["descendants"]],
        "transforms": found["transforms"],
    }


@router.get("/api/transforms")
async def list_transforms(request: Request, user: User, executionId: str) -> list[dict[str, Any]]:
    """Every transform of one execution, oldest first: each attempt of each node."""
    docs = await services(request).store.list_transforms(user.id, checked_id(executionId, "execution"))
    return [_transform(d) for d in docs]


@router.get("/api/transforms/{transform_id}")
async def get_transform(transform_id: str, request: Request, user: User) -> dict[str, Any]:
    return _transform(await services(request).store.get_transform(checked_id(transform_id, "transform"), user.id))


@router.get("/api/transforms/{transform_id}/chunks")
async def get_chunks(transform_id: str, request: Request, user: User) -> list[dict[str, Any]]:
    return await services(request).store.get_chunks(checked_id(transform_id, "transform"), user.id)


@router.post("/api/streaming/cancel/{transform_id}", status_code=202)
async def cancel_stream(transform_id: str, request: Request, user: User) -> dict[str, Any]:
    svc = services(request)
    transform = await svc.store.get_transform(checked_id(transform_id, "transform"), user.id)
    await svc.control.cancel(CancelTransform(userId=user.id, transformId=transform["id"]))
    return {"transformId": transform["id"], "status": transform.get("status")}
