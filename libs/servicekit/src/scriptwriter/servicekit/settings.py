"""Settings shared by every service, by the names of API.md."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class BusSettings(BaseSettings):
    """The NATS connection every service needs."""

    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)

    nats_url: str = "nats://127.0.0.1:4222"
    connect_timeout_s: float = 120.0
