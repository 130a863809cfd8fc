"""Turning pydantic validation errors into the API's field-level details."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from scriptwriter.servicekit.rpc import InvalidRequestError

MAX_DETAILS = 50


def field_errors(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[dict[str, Any]]:
    """The first `MAX_DETAILS` field errors, and how many more there were."""
    errors = exc.errors()
    found = [{"path": [*prefix, *e["loc"]], "message": e["msg"], "type": e["type"]} for e in errors[:MAX_DETAILS]]
    if len(errors) > MAX_DETAILS:
        found.append({"path": list(prefix), "message": f"and {len(errors) - MAX_DETAILS} more", "type": "truncated"})
    return found


def validate(schema: type[BaseModel], data: Any, prefix: tuple[str | int, ...] = ()) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequestError("validation failed", field_errors(exc, prefix)) from exc
