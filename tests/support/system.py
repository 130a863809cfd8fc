"""The whole system as separate processes on free loopback ports with a fresh data directory."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from scriptwriter.devstack.processes import ProcessSpec, process_table
from scriptwriter.devstack.settings import StackSettings

from .ports import free_port, wait_for_port


@dataclass
class RunningSystem:
    data_dir: Path
    settings: StackSettings
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    specs: dict[str, ProcessSpec] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.gateway_port}"

    @property
    def model_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.demo_model_port}"

    def start_process(self, name: str) -> None:
        spec = self.specs[name]
        log = (self.data_dir / f"{name}.log").open("ab")
        env = {**os.environ, "SCRIPTWRITER_LOG_LEVEL": "INFO", "GATEWAY_AUTH_RATE_LIMIT": "100000", **spec.env}
        self.processes[name] = subprocess.Popen(spec.argv, env=env, stdout=log, stderr=subprocess.STDOUT)

    def stop_process(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name)
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for path in sorted(self.data_dir.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"== {path.name}\n" + "\n".join(text))
        return "\n".join(parts)

    def stop(self) -> None:
        for name in reversed(list(self.processes)):
            self.stop_process(name)


def start_system(data_dir: Path, chunk_delay_ms: float = 5.0) -> RunningSystem:
    settings = StackSettings(
        data_dir=data_dir,
        gateway_port=free_port(),
        nats_port=free_port(),
        mongo_port=free_port(),
        demo_model_port=free_port(),
        demo_chunk_delay_ms=chunk_delay_ms,
        _env_file=None,
    )
    settings = settings.model_copy(update={"nats_url": None, "mongodb_url": None, "openai_base_url": None})
    system = RunningSystem(data_dir, settings)
    system.specs = {spec.name: spec for spec in process_table(settings)}
    try:
        for name in system.specs:
            system.start_process(name)
            if name == "nats":
                wait_for_port(settings.nats_port)
            elif name == "mongo":
                wait_for_port(settings.mongo_port)
        wait_for_port(settings.gateway_port, timeout_s=60)
        _wait_ready(system)
    except BaseException:
        tail = system.log_tail()
        system.stop()
        raise RuntimeError(f"system did not start:\n{tail}") from None
    return system


def _wait_ready(system: RunningSystem, timeout_s: float = 60.0) -> None:
    """Ready when the gateway answers and the orchestrator and store answer through it."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=system.base_url, timeout=10) as client:
        while time.monotonic() < deadline:
            try:
                if client.get("/api/system").status_code == 200 and client.get("/api/auth/me").status_code == 401:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise TimeoutError("gateway not ready")
