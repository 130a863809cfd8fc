from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from scriptwriter.servicekit.settings import BusSettings

_DEFAULT_MODELS = (
    ("deepseek", "deepseek-chat"),
    ("dashscope", "qwen-plus"),
    (":11434", "qwen2.5:7b"),
    ("openai.com", "gpt-4o-mini"),
)


class WorkerSettings(BusSettings):
    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)

    openai_base_url: str = "http://127.0.0.1:8001/v1"
    openai_api_key: str | None = None
    llm_model: str | None = None
    concurrency: int = Field(default=256, ge=1, le=2000, validation_alias="LLM_WORKER_CONCURRENCY")
    request_timeout_s: float = Field(default=120.0, validation_alias="LLM_WORKER_REQUEST_TIMEOUT_S")
    ack_wait_s: float = Field(default=6.0, ge=1, validation_alias="LLM_WORKER_ACK_WAIT_S")
    max_deliver: int = Field(default=6, ge=2, le=100, validation_alias="LLM_WORKER_MAX_DELIVER")
    """Deliveries JetStream makes of one job: model retries (`maxAttempts`) plus room for lost workers."""
    retry_base_s: float = Field(default=1.0, ge=0, le=60, validation_alias="LLM_WORKER_RETRY_BASE_S")
    retry_max_s: float = Field(default=30.0, ge=0, le=600, validation_alias="LLM_WORKER_RETRY_MAX_S")
    coalesce_ms: float = Field(default=3.0, ge=0, le=100, validation_alias="LLM_WORKER_COALESCE_MS")
    """Tokens arriving within this long of the last published chunk go out together in the next one."""
    coalesce_busy_ms: float = Field(default=25.0, ge=0, le=200, validation_alias="LLM_WORKER_COALESCE_BUSY_MS")
    """The window while the worker runs more than `coalesce_busy_streams` streams at once."""
    coalesce_busy_streams: int = Field(default=64, ge=1, validation_alias="LLM_WORKER_COALESCE_BUSY_STREAMS")

    def model_name(self) -> str:
        if self.llm_model:
            return self.llm_model
        for marker, model in _DEFAULT_MODELS:
            if marker in self.openai_base_url:
                return model
        return "demo-model" if "127.0.0.1" in self.openai_base_url else "default"
