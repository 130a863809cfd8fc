from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class StackSettings(BaseSettings):
    """The shared names of API.md, plus the ports of the embedded servers."""

    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)

    nats_url: str | None = None
    mongodb_url: str | None = None
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    llm_model: str | None = None
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    data_dir: Path = Field(default=Path("./var"), validation_alias="SCRIPTWRITER_DATA_DIR")
    allow_register: bool = Field(default=True, validation_alias="SCRIPTWRITER_ALLOW_REGISTER")
    nats_port: int = Field(default=4222, validation_alias="SCRIPTWRITER_NATS_PORT")
    mongo_port: int = Field(default=27017, validation_alias="SCRIPTWRITER_MONGO_PORT")
    demo_model_port: int = Field(default=8001, validation_alias="SCRIPTWRITER_DEMO_MODEL_PORT")
    demo_chunk_delay_ms: float = Field(default=30.0, validation_alias="DEMO_MODEL_CHUNK_DELAY_MS")
    llm_workers: int = Field(default=1, ge=1, le=16, validation_alias="SCRIPTWRITER_LLM_WORKERS")
