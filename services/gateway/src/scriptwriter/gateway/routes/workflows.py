"""`/api/workflows`: the workflow catalogue and each definition's graph."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from scriptwriter.catalog import PROGRAMS
from scriptwriter.workflow import to_mermaid

from ..auth import CurrentUser, current_user
from ..errors import ApiError

router = APIRouter(prefix="/api/workflows", tags=["workflows"])


@router.get("")
async def list_workflows(_user: Annotated[CurrentUser, Depends(current_user)]) -> list[dict[str, str]]:
    return [
        {"id": p.definition.id, "name": p.definition.name, "description": p.definition.description}
        for p in PROGRAMS.values()
    ]


@router.get("/{workflow_id}")
async def get_workflow(workflow_id: str, _user: Annotated[CurrentUser, Depends(current_user)]) -> dict[str, Any]:
    program = PROGRAMS.get(workflow_id)
    if program is None:
        raise ApiError(404, "not_found", f"unknown workflow {workflow_id}")
    return {**program.definition.to_dict(), "mermaid": to_mermaid(program.definition)}
