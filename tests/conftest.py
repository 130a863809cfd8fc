from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import mongo_server, nats_server


@pytest.fixture
def nats_url(tmp_path: Path) -> Iterator[str]:
    with nats_server(tmp_path) as url:
        yield url


@pytest.fixture
def mongodb_url(tmp_path: Path) -> Iterator[str]:
    with mongo_server(tmp_path) as url:
        yield url
