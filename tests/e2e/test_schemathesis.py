"""Property-based API testing from the project's own OpenAPI schema: generated requests never get a 5xx."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.system import RunningSystem

from .conftest import register

pytestmark = pytest.mark.e2e


def test_generated_requests_never_get_a_server_error(system: RunningSystem) -> None:
    client = register(system, f"fuzz_{uuid.uuid4().hex[:6]}")
    token = client.headers["Authorization"].removeprefix("Bearer ")
    client.post("/api/workflow/execution", json={"workflowId": "brainstorming"}).raise_for_status()
    binary = shutil.which("st") or str(Path(sys.executable).parent / "st")
    result = subprocess.run(
        [
            binary,
            "run",
            f"{system.base_url}/api/openapi.json",
            "-H",
            f"Authorization: Bearer {token}",
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "25",
            "--exclude-path-regex",
            "events|logout",
            "--request-timeout",
            "20",
            "--seed",
            "20261127",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Server error" not in result.stdout
