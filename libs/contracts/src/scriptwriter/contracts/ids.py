"""Identifiers: generated ids and the validation that keeps them safe in subjects and queries."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Annotated

from pydantic import StringConstraints

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
_ID_RE = re.compile(ID_PATTERN)

Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""An opaque id: letters, digits, `_` and `-` only, so it can never carry a query operator or a subject token."""


def new_id(prefix: str) -> str:
    """A fresh random id such as `ex_3f9a…`."""
    return f"{prefix}_{secrets.token_hex(10)}"


def derived_id(prefix: str, *parts: object) -> str:
    """A deterministic id from its parts, so that a repeated write lands on the same record."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:20]
    return f"{prefix}_{digest}"


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None
