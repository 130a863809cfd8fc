"""Path ids: anything that is not a well-formed id is simply an unknown resource."""

from __future__ import annotations

from scriptwriter.contracts.ids import is_valid_id

from .errors import ApiError


def checked_id(value: str, what: str = "resource") -> str:
    if not is_valid_id(value):
        raise ApiError(404, "not_found", f"{what} not found")
    return value
