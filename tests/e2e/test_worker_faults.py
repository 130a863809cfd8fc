"""The llm-worker against every fault the demo model injects, through the whole running system.

Retryable faults (429, 5xx, a hang past the request timeout, a dropped connection, output cut off before its JSON
closed) come back as new attempts, each a new transform announced by `workflow_node_start`, after a backoff that
honours `Retry-After`; permanent ones (400, 401, output invalid after repair) fail the node at once with
`{code, message, retryable}`. Provider quirks (reasoning inline or out of band, fences, no usage, empty `choices`)
change nothing the writer sees.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from scriptwriter.demo_model.reply import REASONING
from tests.support.sse import SseEvent, open_events
from tests.support.system import RunningSystem, start_system

from .conftest import register
from .journey import start

pytestmark = pytest.mark.e2e

INPUTS = {"genrePaths": [["女频", "其他类型", "复仇"]], "numberOfIdeas": 3}
NODE = "generate_ideas"
RETRY_BASE_S = 0.1
FINISHED = ("workflow_failed", "workflow_cancelled", "workflow_completed")


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("faults")), chunk_delay_ms=1)
    try:
        running.stop_process("llm-worker")
        running.specs["llm-worker"].env.update(
            {"LLM_WORKER_REQUEST_TIMEOUT_S": "1", "LLM_WORKER_RETRY_BASE_S": str(RETRY_BASE_S)}
        )
        running.start_process("llm-worker")
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def writer(system: RunningSystem) -> httpx.Client:
    return register(system, f"faults_{uuid.uuid4().hex[:6]}")


@pytest.fixture(autouse=True)
def model(system: RunningSystem) -> Iterator[httpx.Client]:
    """The demo model's control API, with no fault queued and an empty request log."""
    with httpx.Client(base_url=system.model_url, timeout=5) as control:
        control.delete("/_demo/faults").raise_for_status()
        control.delete("/_demo/requests").raise_for_status()
        yield control
        control.delete("/_demo/faults").raise_for_status()


@dataclass
class NodeRun:
    """What a writer saw of one execution's `generate_ideas` node, and what the model was asked."""

    execution_id: str
    events: list[SseEvent]
    requests: list[dict[str, Any]]

    @property
    def starts(self) -> list[dict[str, Any]]:
        return [e.data for e in self.events if e.event == "workflow_node_start" and e.data["nodeId"] == NODE]

    @property
    def attempts(self) -> list[int]:
        return [s["attempt"] for s in self.starts]

    @property
    def outcome(self) -> dict[str, Any]:
        [progress] = [e.data for e in self.events if e.event == "workflow_progress" and e.data["nodeId"] == NODE]
        return progress

    def deltas(self, transform_id: str) -> list[SseEvent]:
        return [e for e in self.events if e.event == "transform_chunk" and e.data["transformId"] == transform_id]

    def text(self, transform_id: str) -> str:
        return "".join(e.data["delta"] for e in self.deltas(transform_id))


def run_node(writer: httpx.Client, model: httpx.Client, *faults: dict[str, Any]) -> NodeRun:
    if faults:
        model.post("/_demo/faults", json={"faults": [{"template": "brainstorming", **f} for f in faults]})
    execution_id = start(writer, "brainstorming", INPUTS)
    path = f"/api/workflow/execution/{execution_id}/events"
    with open_events(writer, path, {"Last-Event-ID": "0"}) as stream:
        events = stream.until(
            lambda e: e.event in FINISHED or (e.event == "user_input_required" and e.data["nodeId"] == "select_idea")
        )
    requests = [r for r in model.get("/_demo/requests").json() if r["template"] == "brainstorming"]
    return NodeRun(execution_id, events, requests)


def ideas(writer: httpx.Client, execution_id: str) -> list[dict[str, Any]]:
    found = writer.get("/api/artifacts", params={"executionId": execution_id, "type": "brainstorm_idea"}).json()
    return sorted((a["data"] for a in found), key=lambda idea: json.dumps(idea, ensure_ascii=False))


def assert_completed(writer: httpx.Client, run: NodeRun, attempts: int) -> None:
    assert run.outcome["status"] == "completed", run.outcome
    assert run.attempts == list(range(1, attempts + 1))
    assert len({s["transformId"] for s in run.starts}) == attempts, "each attempt is a new transform"
    assert len(run.requests) == attempts
    final = run.starts[-1]["transformId"]
    assert [e.data["index"] for e in run.deltas(final)] == list(range(len(run.deltas(final))))
    assert len(ideas(writer, run.execution_id)) == 3
    transform = writer.get(f"/api/transforms/{final}").json()
    assert transform["status"] == "completed" and transform["attempt"] == attempts
    stored = writer.get(f"/api/transforms/{final}/chunks").json()
    assert "".join(c["delta"] for c in stored) == run.text(final)


def assert_failed(writer: httpx.Client, run: NodeRun, code: str, retryable: bool, attempts: int) -> None:
    outcome = run.outcome
    assert outcome["status"] == "failed"
    error = outcome["error"]
    assert error["code"] == code and error["retryable"] is retryable
    assert isinstance(error["message"], str) and error["message"]
    [finished] = [e for e in run.events if e.event in FINISHED]
    assert finished.event == "workflow_failed" and finished.data["error"]["code"] == code
    assert run.attempts == list(range(1, attempts + 1)) and len(run.requests) == attempts
    assert ideas(writer, run.execution_id) == []
    for attempt in run.starts:
        transform = writer.get(f"/api/transforms/{attempt['transformId']}").json()
        assert transform["status"] == "failed" and transform["error"]["code"] == code


def gaps_s(run: NodeRun) -> list[float]:
    """From the end of each request to the start of the next: the backoff the worker waited."""
    return [b["startedAt"] - a["endedAt"] for a, b in zip(run.requests, run.requests[1:], strict=False)]


def test_rate_limit_is_retried_after_retry_after(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "status_429"})
    assert_completed(writer, run, attempts=2)
    assert run.requests[0]["status"] == 429
    assert 1.0 <= gaps_s(run)[0] < 5, "Retry-After: 1 is honoured"


def test_server_errors_are_retried_with_growing_backoff(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "status_500"}, {"kind": "status_503"})
    assert_completed(writer, run, attempts=3)
    assert [r["status"] for r in run.requests] == [500, 503, 200]
    first, second = gaps_s(run)
    assert RETRY_BASE_S <= first < 2 and 2 * RETRY_BASE_S <= second < 2
    failed = writer.get(f"/api/transforms/{run.starts[0]['transformId']}").json()
    assert failed["status"] == "failed" and failed["error"]["code"] == "llm_unavailable"


def test_retries_are_bounded_by_the_attempt_limit(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "status_503", "count": 5})
    assert_failed(writer, run, "llm_unavailable", retryable=True, attempts=3)


def test_a_hang_past_the_request_timeout_is_abandoned_and_retried(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "hang", "delayS": 5})
    assert_completed(writer, run, attempts=2)
    hung = run.requests[0]
    assert hung["clientClosed"] and hung["status"] is None
    assert 0.9 <= hung["endedAt"] - hung["startedAt"] < 3, "closed at the worker's 1 s request timeout"
    failed = writer.get(f"/api/transforms/{run.starts[0]['transformId']}").json()
    assert failed["error"]["code"] == "llm_timeout"


def test_a_dropped_stream_is_retried_and_its_partial_attempt_dropped(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "drop", "afterChunks": 30})
    assert_completed(writer, run, attempts=2)
    first, final = (s["transformId"] for s in run.starts)
    assert run.text(first) and run.text(final).startswith(run.text(first))
    failed = writer.get(f"/api/transforms/{first}").json()
    assert failed["status"] == "failed" and failed["error"]["code"] == "llm_connection_lost"
    assert all(i["body"] for i in ideas(writer, run.execution_id))


def test_output_cut_off_by_length_is_retried_even_when_repair_would_pass(
    writer: httpx.Client, model: httpx.Client
) -> None:
    clean = run_node(writer, model)
    total = clean.requests[0]["chunksSent"]
    model.delete("/_demo/requests")
    # Cut a few chunks before the end: json-repair would close the last idea mid-sentence and it would validate.
    run = run_node(writer, model, {"kind": "truncate", "afterChunks": total - 3})
    assert_completed(writer, run, attempts=2)
    cut = writer.get(f"/api/transforms/{run.starts[0]['transformId']}").json()
    assert cut["error"]["code"] == "llm_output_truncated" and cut["error"]["retryable"] is True
    assert ideas(writer, run.execution_id) == ideas(writer, clean.execution_id), "the whole answer, not a repair"


def test_output_cut_off_on_every_attempt_fails_as_retryable(writer: httpx.Client, model: httpx.Client) -> None:
    run = run_node(writer, model, {"kind": "truncate", "afterChunks": 10, "count": 3})
    assert_failed(writer, run, "llm_output_truncated", retryable=True, attempts=3)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("status_400", "llm_request_rejected"),
        ("status_401", "llm_request_rejected"),
        ("malformed", "invalid_model_output"),
    ],
)
def test_permanent_errors_fail_the_node_without_retry(
    writer: httpx.Client, model: httpx.Client, kind: str, code: str
) -> None:
    run = run_node(writer, model, {"kind": kind, "count": 3})
    assert_failed(writer, run, code, retryable=False, attempts=1)


@pytest.mark.parametrize("kind", ["broken_json", "fenced", "no_usage", "empty_choices"])
def test_quirky_but_usable_output_completes_first_time(writer: httpx.Client, model: httpx.Client, kind: str) -> None:
    run = run_node(writer, model, {"kind": kind})
    assert_completed(writer, run, attempts=1)
    transform = writer.get(f"/api/transforms/{run.starts[0]['transformId']}").json()
    if kind == "no_usage":
        assert transform.get("usage") is None
    else:
        assert transform["usage"]["completion_tokens"] > 0


@pytest.mark.parametrize("kind", ["think_inline", "reasoning_content"])
def test_reasoning_is_marked_and_never_shown(writer: httpx.Client, model: httpx.Client, kind: str) -> None:
    run = run_node(writer, model, {"kind": kind})
    assert_completed(writer, run, attempts=1)
    transform_id = run.starts[0]["transformId"]
    ours = [e for e in run.events if e.data.get("transformId") == transform_id and e.event != "workflow_node_start"]
    kinds = [e.data["phase"] if e.event == "reasoning" else e.event for e in ours]
    assert kinds[:2] == ["start", "end"] and set(kinds[2:]) == {"transform_chunk"}, kinds[:5]
    stored = "".join(c["delta"] for c in writer.get(f"/api/transforms/{transform_id}/chunks").json())
    shown = [run.text(transform_id), stored, json.dumps(ideas(writer, run.execution_id), ensure_ascii=False)]
    for text in shown:
        assert "think>" not in text.lower()
        for phrase in (REASONING[:12], REASONING[200:212], REASONING[-12:]):
            assert phrase not in text
