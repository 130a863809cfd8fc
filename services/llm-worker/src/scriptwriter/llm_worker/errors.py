"""Failures of an LLM job.

JobError
├── RetryableError      -- rate limits, 5xx, timeouts, dropped connections: redeliver with backoff
└── PermanentError      -- other 4xx, output invalid after repair: fail the node, no retry
    └── InvalidOutputError
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


class PermanentError(JobError):
    code = "llm_request_rejected"


class InvalidOutputError(PermanentError):
    code = "invalid_model_output"
