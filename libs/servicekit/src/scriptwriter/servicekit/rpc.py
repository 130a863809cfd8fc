"""Request/reply between services: JSON in, JSON out, errors as `{error: {code, message, details}}`.

Hierarchy of the errors a caller sees:

    RpcError                    -- the callee answered with an error
    ├── NotFoundError           -- code `not_found`
    ├── ConflictError           -- code `conflict`
    └── InvalidRequestError     -- code `validation_failed`; `details` lists field problems
    ServiceUnavailableError     -- nobody answered in time (retryable)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

Payload = dict[str, Any]
Handler = Callable[[Payload], Awaitable[Payload]]


class RpcError(Exception):
    code = "internal_error"

    def __init__(self, message: str, details: Any = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code

    def to_payload(self) -> Payload:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class NotFoundError(RpcError):
    code = "not_found"


class ConflictError(RpcError):
    code = "conflict"


class InvalidRequestError(RpcError):
    code = "validation_failed"


class ServiceUnavailableError(Exception):
    """No service answered in time; worth retrying later."""


_BY_CODE: Mapping[str, type[RpcError]] = {
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "validation_failed": InvalidRequestError,
}


def raise_for_error(reply: Payload) -> Payload:
    error = reply.get("error")
    if error is None:
        return reply
    cls = _BY_CODE.get(error.get("code", ""), RpcError)
    raise cls(error.get("message", "error"), error.get("details"), code=error.get("code"))


class RpcCaller(Protocol):
    async def call(self, operation: str, payload: Payload, timeout: float = ...) -> Payload: ...
