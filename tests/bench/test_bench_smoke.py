"""A small run of each benchmark, so they keep working."""

from __future__ import annotations

import pytest

from bench import first_token

pytestmark = pytest.mark.e2e


def test_first_token_benchmark_prints_its_table() -> None:
    report = first_token.run(runs=2, chunk_delay_ms=1)
    assert "| direct to the model (baseline) | 2 |" in report
    assert "| through the system | 2 |" in report
    assert "llm-worker" in report


def test_human_submit_benchmark_prints_its_table() -> None:
    from bench import human_submit

    report = human_submit.run(runs=2)
    assert "| next node started | 2 |" in report
    assert "| NATS request/reply | 2 |" in report
    assert "apply_submission" in report


def test_partial_json_benchmark_prints_its_table() -> None:
    from bench import partial_json

    report = partial_json.run(chunks=50, size_kb=5, repeats=1)
    assert "| IncrementalJsonParser" in report
    assert "json_repair" in report


def test_sse_fanout_benchmark_prints_its_table() -> None:
    from bench import sse_fanout

    report = sse_fanout.run(executions=3, viewers=2, rounds=3, rate=50)
    assert "| gateway SSE clients | 18 |" in report
    assert "| event-log consumers left after clients left | 0 |" in report


def test_resume_benchmark_prints_its_table() -> None:
    from bench import resume

    report = resume.run(chunks=200, trials=2)
    assert "| Last-Event-ID mid-log → first event | 2 |" in report
    assert "| no Last-Event-ID → snapshot | 2 |" in report


def test_pipeline_benchmark_prints_its_table() -> None:
    from bench import pipeline

    report = pipeline.run(streams=(1, 3), levels=(1,), token_ms=5, workflow="brainstorming")
    assert "| 1 | direct baseline (FastAPI → SSE, no broker) |" in report
    assert "| 3 | system, 2 llm-workers |" in report
    assert "| 3 | system, 1 llm-worker |" in report
    assert "| 3 | system, 2 llm-workers, 3 ms coalescing (default) |" in report
    assert "| 1 | **added by the system** (system − direct, per percentile) |" in report
