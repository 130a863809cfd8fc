"""docker-compose.yml and the services' settings classes speak the same names as API.md."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic_settings import BaseSettings

from scriptwriter.artifact_store.settings import StoreSettings
from scriptwriter.demo_model.__main__ import DemoModelSettings
from scriptwriter.devstack.settings import StackSettings
from scriptwriter.gateway.settings import GatewaySettings
from scriptwriter.llm_worker.settings import WorkerSettings
from scriptwriter.orchestrator.settings import OrchestratorSettings

ROOT = Path(__file__).resolve().parents[2]
API_NAMES = {
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "LLM_MODEL",
    "NATS_URL",
    "MONGODB_URL",
    "GATEWAY_HOST",
    "GATEWAY_PORT",
    "SCRIPTWRITER_DATA_DIR",
    "SCRIPTWRITER_ALLOW_REGISTER",
}
SETTINGS: list[type[BaseSettings]] = [
    StoreSettings,
    OrchestratorSettings,
    WorkerSettings,
    GatewaySettings,
    StackSettings,
    DemoModelSettings,
]


def env_names(cls: type[BaseSettings]) -> set[str]:
    prefix = str(cls.model_config.get("env_prefix", "")).upper()
    names = set()
    for name, field in cls.model_fields.items():
        alias = field.validation_alias
        names.add(alias.upper() if isinstance(alias, str) else f"{prefix}{name.upper()}")
    return names


def test_every_api_setting_is_read_by_some_service() -> None:
    known = set().union(*(env_names(cls) for cls in SETTINGS))
    assert known >= API_NAMES


def test_compose_uses_only_names_the_services_read() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    known = set().union(*(env_names(cls) for cls in SETTINGS)) | {"SCRIPTWRITER_LOG_LEVEL"}
    used = set()
    for name, service in compose["services"].items():
        if name in ("nats", "mongo"):
            continue
        used |= set(service.get("environment", {}))
    assert used - known == set()
    assert {"NATS_URL", "MONGODB_URL", "OPENAI_BASE_URL", "GATEWAY_PORT"} <= used
    assert "deploy" not in compose["services"]["llm-worker"], "llm-worker must stay scalable with --scale"
    assert (
        "ports" not in compose["services"]["llm-worker"] and "container_name" not in compose["services"]["llm-worker"]
    )
