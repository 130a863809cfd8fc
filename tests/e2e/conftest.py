from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.system import RunningSystem, start_system


@pytest.fixture(scope="package")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("system")), chunk_delay_ms=3)
    yield running
    running.stop()


def register(system: RunningSystem, username: str) -> httpx.Client:
    client = httpx.Client(base_url=system.base_url, timeout=20)
    response = client.post("/api/auth/register", json={"username": username, "password": "correct horse"})
    assert response.status_code == 201, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return client
