"""Reading JSON bodies: malformed → 400, too large → 413, schema violations → 422 with field paths."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from scriptwriter.servicekit.validation import field_errors

from .errors import ApiError

MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 48
"""Deepest nesting of arrays and objects accepted (documents must stay well inside what MongoDB stores)."""
Model = TypeVar("Model", bound=BaseModel)


async def read_json(request: Request) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, "payload_too_large", "request body is over 1 MiB")
    body = b""
    async for part in request.stream():
        body += part
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, "payload_too_large", "request body is over 1 MiB")
    if not body.strip():
        raise ApiError(400, "malformed_json", "request body must be JSON")
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ApiError(400, "malformed_json", f"request body is not valid JSON: {exc}") from exc
    if too_deep(data):
        detail = {"path": [], "message": f"nested deeper than {MAX_DEPTH} levels", "type": "too_deep"}
        raise ApiError(422, "validation_failed", "request body is nested too deeply", [detail])
    return data


def too_deep(data: Any) -> bool:
    level: list[Any] = [data]
    for _ in range(MAX_DEPTH):
        level = [
            child
            for value in level
            if isinstance(value, (dict, list))
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return False
    return True


async def read_model(request: Request, model: type[Model]) -> Model:
    data = await read_json(request)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, "validation_failed", "validation failed", field_errors(exc)) from exc
