"""Pydantic validation errors as the API's field-level details, shared by the gateway and the orchestrator."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

MAX_DETAILS = 50
"""A body with thousands of bad fields gets a readable answer that fits in one bus message."""


def field_errors(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[dict[str, Any]]:
    """The first `MAX_DETAILS` field errors, `{path, message, type}`, and how many more there were."""
    errors = exc.errors()
    found = [{"path": [*prefix, *e["loc"]], "message": e["msg"], "type": e["type"]} for e in errors[:MAX_DETAILS]]
    if len(errors) > MAX_DETAILS:
        found.append({"path": list(prefix), "message": f"and {len(errors) - MAX_DETAILS} more", "type": "truncated"})
    return found
