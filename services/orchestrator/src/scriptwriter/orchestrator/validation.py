"""Turning pydantic validation errors into the API's field-level details."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from scriptwriter.servicekit.rpc import InvalidRequestError
from scriptwriter.servicekit.validation import field_errors


def validate(schema: type[BaseModel], data: Any, prefix: tuple[str | int, ...] = ()) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequestError("validation failed", field_errors(exc, prefix)) from exc
