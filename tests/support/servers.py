"""Real nats-server and nx-27017 processes on free loopback ports with fresh data directories."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .ports import free_port, wait_for_port


def _binary(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


@contextmanager
def _process(argv: list[str], port: int, log: Path) -> Iterator[None]:
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port)
            yield
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@contextmanager
def nats_server(data_dir: Path) -> Iterator[str]:
    port = free_port()
    (data_dir / "nats").mkdir(parents=True, exist_ok=True)
    argv = [_binary("nats-server"), "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", str(data_dir / "nats")]
    with _process(argv, port, data_dir / "nats.log"):
        yield f"nats://127.0.0.1:{port}"


@contextmanager
def mongo_server(data_dir: Path) -> Iterator[str]:
    port = free_port()
    (data_dir / "mongo").mkdir(parents=True, exist_ok=True)
    argv = [
        _binary("nx-27017"),
        "--host",
        "127.0.0.1",
        "-p",
        str(port),
        "--data-dir",
        str(data_dir / "mongo"),
        "--pid-file",
        str(data_dir / "nx.pid"),
        "--log-file",
        str(data_dir / "nx.log"),
    ]
    with _process(argv, port, data_dir / "mongo.log"):
        yield f"mongodb://127.0.0.1:{port}"
