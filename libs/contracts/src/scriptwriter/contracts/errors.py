"""Errors as they cross the wire: `{code, message, retryable}`, never Python exceptions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ErrorInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    retryable: bool = False
    details: Any = None
