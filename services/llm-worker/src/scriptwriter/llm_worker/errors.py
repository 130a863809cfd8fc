"""Failures of an LLM job, and whether another attempt could succeed.

JobError
├── RetryableError           -- redelivered with backoff while attempts remain
│   ├── RateLimitedError     -- 429; carries the endpoint's `Retry-After`
│   ├── ModelUnavailableError -- 5xx, 408, 409, an error event in the stream
│   ├── ModelTimeoutError    -- no byte from the endpoint within the request timeout
│   ├── ConnectionLostError  -- refused, reset or dropped mid-stream
│   ├── TruncatedOutputError -- cut off (`finish_reason: length`) before the JSON was complete
│   └── WorkerFaultError     -- an unexpected failure inside the worker
└── PermanentError           -- the same request would fail again: fail the node, no retry
    ├── RequestRejectedError -- other 4xx
    └── InvalidOutputError   -- no valid output even after repair
"""

from __future__ import annotations

from scriptwriter.contracts.errors import ErrorInfo


class JobError(Exception):
    code = "llm_error"
    retryable = False

    def info(self) -> ErrorInfo:
        return ErrorInfo(code=self.code, message=str(self), retryable=self.retryable)


class RetryableError(JobError):
    code = "llm_unavailable"
    retryable = True

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        """How long the endpoint asked us to wait (`Retry-After`), if it said."""


class RateLimitedError(RetryableError):
    code = "llm_rate_limited"


class ModelUnavailableError(RetryableError):
    code = "llm_unavailable"


class ModelTimeoutError(RetryableError):
    code = "llm_timeout"


class ConnectionLostError(RetryableError):
    code = "llm_connection_lost"


class TruncatedOutputError(RetryableError):
    code = "llm_output_truncated"


class WorkerFaultError(RetryableError):
    code = "worker_error"


class PermanentError(JobError):
    code = "llm_request_rejected"


class RequestRejectedError(PermanentError):
    code = "llm_request_rejected"


class InvalidOutputError(PermanentError):
    code = "invalid_model_output"
