"""Gateway behaviour that needs no backend: rate limits on sign-in and the error shape."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from scriptwriter.gateway.app import create_app
from scriptwriter.gateway.deps import Services
from scriptwriter.gateway.ratelimit import RateLimiter
from scriptwriter.gateway.settings import GatewaySettings


def test_rate_limiter_forgets_old_attempts() -> None:
    limiter = RateLimiter(limit=2, window_s=60)
    assert limiter.allow("a") and limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")


async def test_sign_in_attempts_are_limited_per_client() -> None:
    async def make_services() -> tuple[Services, Callable[[], Awaitable[None]]]:
        settings = GatewaySettings(allow_register=True)
        svc: Any = Services(settings=settings, store=None, orchestrator=None, llm=None, events=None, control=None)  # type: ignore[arg-type]

        async def close() -> None:
            return None

        return svc, close

    app = create_app(make_services, None, auth_rate_limit=5)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            statuses = [
                (await client.post("/api/auth/login", json={"username": "x", "password": "y"})).status_code
                for _ in range(6)
            ]
            malformed = await client.post(
                "/api/auth/register", content=b"{", headers={"content-type": "application/json"}
            )
    assert statuses == [422] * 5 + [429]
    assert malformed.status_code == 400
    assert set(malformed.json()["error"]) == {"code", "message", "details"}
