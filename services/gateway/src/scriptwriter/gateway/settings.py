from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from scriptwriter.servicekit.settings import BusSettings

_REPO_WEB_DIST = Path(__file__).resolve().parents[5] / "web" / "dist"


class GatewaySettings(BusSettings):
    """The gateway's settings (see API.md for the shared names)."""

    model_config = SettingsConfigDict(extra="ignore", validate_by_name=True)

    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    allow_register: bool = Field(default=True, validation_alias="SCRIPTWRITER_ALLOW_REGISTER")
    demo_model: bool = Field(default=True, validation_alias="SCRIPTWRITER_DEMO_MODEL")
    llm_model: str | None = None
    static_dir: Path = Field(default=_REPO_WEB_DIST, validation_alias="GATEWAY_STATIC_DIR")
    cookie_secure: bool = Field(default=False, validation_alias="GATEWAY_COOKIE_SECURE")
    ping_interval_s: float = Field(default=15.0, gt=0, le=15, validation_alias="GATEWAY_PING_INTERVAL_S")
    send_timeout_s: float = Field(default=30.0, gt=0, validation_alias="GATEWAY_SEND_TIMEOUT_S")
    secret_key: str | None = Field(default=None, validation_alias="GATEWAY_SECRET_KEY")
    """Signs session cookies; every gateway of a deployment needs the same one. Unset: a random key per start."""
    auth_rate_limit: int = Field(default=30, ge=1, validation_alias="GATEWAY_AUTH_RATE_LIMIT")
    """Sign-in and registration attempts per minute per client address."""

    def cookie_key(self) -> str:
        if not self.secret_key:
            self.secret_key = secrets.token_urlsafe(32)
        return self.secret_key
