from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from scriptwriter.servicekit.settings import BusSettings


class StoreSettings(BusSettings):
    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)

    mongodb_url: str = "mongodb://127.0.0.1:27017"
    database: str = Field(default="scriptwriter", validation_alias="ARTIFACT_STORE_DATABASE")
