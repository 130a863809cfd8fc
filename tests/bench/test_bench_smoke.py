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
