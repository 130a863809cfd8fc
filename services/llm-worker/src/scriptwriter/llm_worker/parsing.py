"""The model's final text to a validated value: fences and trailing prose dropped, repaired if malformed.

The text is parsed incrementally while it streams (`IncrementalJsonParser`), so the end of the stream costs no
re-parse; `json_repair` is only the fallback for malformed output.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InvalidOutputError
from .partial_json import IncrementalJsonParser


def final_value(parser: IncrementalJsonParser) -> Any:
    try:
        value = parser.finish()
    except ValueError as exc:
        raise InvalidOutputError("the model returned no usable JSON") from exc
    if value in ("", None):
        raise InvalidOutputError("the model's JSON could not be repaired")
    return value


def validate_output(value: Any, schema: type[BaseModel] | None) -> dict[str, Any]:
    if schema is None:
        if not isinstance(value, dict):
            raise InvalidOutputError("the model's JSON is not an object")
        return value
    try:
        return schema.model_validate(value).model_dump(mode="json")
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
        raise InvalidOutputError(f"the model's JSON does not match the expected shape: {problems}") from exc


def parse_output(text: str, schema: type[BaseModel] | None) -> dict[str, Any]:
    parser = IncrementalJsonParser()
    parser.feed(text)
    return validate_output(final_value(parser), schema)
