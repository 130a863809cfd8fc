from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from scriptwriter.servicekit.settings import BusSettings


class OrchestratorSettings(BusSettings):
    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)
