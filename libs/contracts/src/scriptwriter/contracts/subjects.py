"""Every JetStream stream, consumer and subject name used on the bus.

Services never spell a subject themselves; they call these builders with validated ids.
"""

from __future__ import annotations

from .ids import is_valid_id

EVENTS_STREAM = "EVENTS"
"""One event log per execution: `events.<userId>.<executionId>`; the SSE event id is the stream sequence."""
EVENTS_SUBJECTS = "events.>"

JOBS_STREAM = "JOBS"
"""Work queue of LLM jobs: `jobs.llm.<templateId>`, one durable pull consumer shared by all llm-workers."""
JOBS_SUBJECTS = "jobs.>"
LLM_JOBS_FILTER = "jobs.llm.>"
LLM_WORKERS_CONSUMER = "llm-workers"

RESULTS_STREAM = "RESULTS"
"""Node results reported by workers to the orchestrator: `results.<executionId>`."""
RESULTS_SUBJECTS = "results.>"
ORCHESTRATOR_CONSUMER = "orchestrator"

CANCEL_SUBJECT = "control.cancel"
"""Core NATS subject every llm-worker listens to; the worker holding the transform aborts it."""

STORE_RPC_PREFIX = "rpc.store"
LLM_RPC_PREFIX = "rpc.llm"
"""Direct model calls that are not part of an execution (e.g. replaying a transform's prompt)."""
ORCHESTRATOR_RPC_PREFIX = "rpc.orchestrator"


def _checked(*ids: str) -> None:
    for value in ids:
        if not is_valid_id(value):
            raise ValueError(f"invalid id for a subject: {value!r}")


def events_subject(user_id: str, execution_id: str) -> str:
    _checked(user_id, execution_id)
    return f"events.{user_id}.{execution_id}"


def llm_job_subject(template_id: str) -> str:
    _checked(template_id)
    return f"jobs.llm.{template_id}"


def results_subject(execution_id: str) -> str:
    _checked(execution_id)
    return f"results.{execution_id}"


def rpc_subject(prefix: str, operation: str) -> str:
    return f"{prefix}.{operation}"
