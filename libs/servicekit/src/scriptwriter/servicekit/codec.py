"""JSON on the bus and on the wire to browsers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson

__all__ = ["decode", "encode"]


def encode(payload: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON, with orjson (several times faster: this runs for every token on the way to a browser);
    what it refuses (an integer past 64 bits, say) is encoded by the standard library instead."""
    try:
        return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def decode(data: bytes | str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
