"""The table of processes that make up the system; used by `make run` and by the end-to-end tests."""

from __future__ import annotations

import secrets
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .settings import StackSettings


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


def _binary(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def _secret_key(data: Path) -> str:
    """The key that signs session cookies, made once and kept with the data, so sessions survive restarts."""
    path = data / "gateway-secret"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


NATS_CONFIG = (Path(__file__).parent / "nats.conf").read_text()
"""Messages up to 8 MB: a 1 MiB request body, wrapped in an RPC, must fit (the default is 1 MB)."""


def process_table(settings: StackSettings) -> list[ProcessSpec]:
    data = settings.data_dir.resolve()
    python = sys.executable
    shared: dict[str, str] = {}
    specs: list[ProcessSpec] = []
    if settings.nats_url is None:
        (data / "nats").mkdir(parents=True, exist_ok=True)
        config = data / "nats.conf"
        config.write_text(NATS_CONFIG)
        specs.append(
            ProcessSpec(
                "nats",
                [
                    _binary("nats-server"),
                    "-c",
                    str(config),
                    "-js",
                    "-a",
                    "127.0.0.1",
                    "-p",
                    str(settings.nats_port),
                    "-sd",
                    str(data / "nats"),
                ],
            )
        )
        shared["NATS_URL"] = f"nats://127.0.0.1:{settings.nats_port}"
    else:
        shared["NATS_URL"] = settings.nats_url
    if settings.mongodb_url is None:
        (data / "mongo").mkdir(parents=True, exist_ok=True)
        specs.append(
            ProcessSpec(
                "mongo",
                [
                    python,
                    "-m",
                    "scriptwriter.devstack.quiet",
                    _binary("nx-27017"),
                    "--host",
                    "127.0.0.1",
                    "-p",
                    str(settings.mongo_port),
                    "--data-dir",
                    str(data / "mongo"),
                    "--pid-file",
                    str(data / "nx-27017.pid"),
                    "--log-file",
                    str(data / "nx-27017.log"),
                ],
            )
        )
        shared["MONGODB_URL"] = f"mongodb://127.0.0.1:{settings.mongo_port}"
    else:
        shared["MONGODB_URL"] = settings.mongodb_url
    worker_env: dict[str, str] = {}
    demo = settings.openai_base_url is None
    if demo:
        specs.append(
            ProcessSpec(
                "demo-model",
                [python, "-m", "scriptwriter.demo_model"],
                {
                    "DEMO_MODEL_PORT": str(settings.demo_model_port),
                    "DEMO_MODEL_CHUNK_DELAY_MS": str(settings.demo_chunk_delay_ms),
                },
            )
        )
        worker_env["OPENAI_BASE_URL"] = f"http://127.0.0.1:{settings.demo_model_port}/v1"
        worker_env["LLM_MODEL"] = "demo-model"
    else:
        assert settings.openai_base_url is not None
        worker_env["OPENAI_BASE_URL"] = settings.openai_base_url
        if settings.llm_model:
            worker_env["LLM_MODEL"] = settings.llm_model
    specs.append(ProcessSpec("artifact-store", [python, "-m", "scriptwriter.artifact_store"], dict(shared)))
    specs.append(ProcessSpec("orchestrator", [python, "-m", "scriptwriter.orchestrator"], dict(shared)))
    for index in range(settings.llm_workers):
        name = "llm-worker" if settings.llm_workers == 1 else f"llm-worker-{index + 1}"
        specs.append(ProcessSpec(name, [python, "-m", "scriptwriter.llm_worker"], {**shared, **worker_env}))
    specs.append(
        ProcessSpec(
            "gateway",
            [python, "-m", "scriptwriter.gateway"],
            {
                **shared,
                "GATEWAY_HOST": settings.gateway_host,
                "GATEWAY_PORT": str(settings.gateway_port),
                "SCRIPTWRITER_DEMO_MODEL": "true" if demo else "false",
                "GATEWAY_SECRET_KEY": _secret_key(data),
                "LLM_MODEL": worker_env.get("LLM_MODEL", ""),
            },
        )
    )
    return specs
