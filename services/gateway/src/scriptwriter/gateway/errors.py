"""The API's error shape: `{"error": {"code", "message", "details"}}`, and the handlers that produce it.

ApiError(status, code, message, details)  -- raised by routes
RpcError from a service                   -- mapped: not_found 404, conflict 409, validation_failed 422
ServiceUnavailableError                   -- 503, the request can be retried
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from scriptwriter.servicekit.rpc import RpcError, ServiceUnavailableError

_RPC_STATUS = {
    "not_found": 404,
    "conflict": 409,
    "validation_failed": 422,
    "model_unavailable": 503,
    "model_refused": 502,
}
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 413: "payload_too_large"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "details": details}}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RpcError)
    async def _rpc_error(_request: Request, exc: RpcError) -> JSONResponse:
        status = _RPC_STATUS.get(exc.code, 500)
        if status == 500:
            return error_response(500, "internal_error", "internal error")
        return error_response(status, exc.code, exc.message, exc.details)

    @app.exception_handler(ServiceUnavailableError)
    async def _unavailable(_request: Request, _exc: ServiceUnavailableError) -> JSONResponse:
        return error_response(503, "service_unavailable", "a backend service is not answering; try again")

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"path": list(e["loc"]), "message": e["msg"], "type": e["type"]} for e in exc.errors()]
        return error_response(422, "validation_failed", "validation failed", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))
