"""`python -m scriptwriter.demo_model`: serve the offline demo model."""

from __future__ import annotations

import logging

import uvicorn
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .server import DemoModel


class DemoModelSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_MODEL_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8001
    chunk_delay_ms: float = Field(default=30.0, ge=0)


def main() -> None:
    settings = DemoModelSettings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-5s demo-model: %(message)s")
    model = DemoModel(chunk_delay_s=settings.chunk_delay_ms / 1000)
    uvicorn.run(model.app(), host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
