"""`/api/system`: which model answers (the UI says clearly when it is the offline demo model)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..deps import services

router = APIRouter(prefix="/api/system", tags=["system"])


@router.get("")
async def system(request: Request) -> dict[str, Any]:
    settings = services(request).settings
    model = "demo-model" if settings.demo_model else (settings.llm_model or "default")
    return {"llm": {"demo": settings.demo_model, "model": model}}
