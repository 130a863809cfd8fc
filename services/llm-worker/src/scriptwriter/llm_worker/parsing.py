"""The model's final text to a validated value: fences and trailing prose dropped, repaired if malformed."""

from __future__ import annotations

import json
import re
from typing import Any

import json_repair
from pydantic import BaseModel, ValidationError

from .errors import InvalidOutputError

_FENCE = re.compile(r"```(?:json|JSON)?\s*")


def extract_json(text: str) -> Any:
    cleaned = _FENCE.sub("", text)
    starts = [i for i in (cleaned.find("{"), cleaned.find("[")) if i >= 0]
    if not starts:
        raise InvalidOutputError("the model returned no JSON")
    body = cleaned[min(starts) :]
    try:
        value, _end = json.JSONDecoder().raw_decode(body)
        return value
    except json.JSONDecodeError:
        repaired = json_repair.loads(body)
        if repaired in ("", None):
            raise InvalidOutputError("the model's JSON could not be repaired") from None
        return repaired


def parse_output(text: str, schema: type[BaseModel] | None) -> dict[str, Any]:
    value = extract_json(text)
    if schema is None:
        if not isinstance(value, dict):
            raise InvalidOutputError("the model's JSON is not an object")
        return value
    try:
        return schema.model_validate(value).model_dump(mode="json")
    except ValidationError as exc:
        raise InvalidOutputError(f"the model's JSON does not match the expected shape: {exc.errors()[:3]}") from exc
