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
        svc: Any = Services(
            settings=settings, store=None, orchestrator=None, llm=None, events=None, hub=None, control=None
        )  # type: ignore[arg-type]

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


def test_the_openapi_schema_covers_every_route() -> None:
    app = create_app(lambda: None, None)  # type: ignore[arg-type,return-value]
    schema = app.openapi()
    paths = set(schema["paths"])
    assert {
        "/api/auth/register",
        "/api/auth/login",
        "/api/auth/logout",
        "/api/auth/me",
        "/api/workflows",
        "/api/workflows/{workflow_id}",
        "/api/workflow/execution",
        "/api/workflow/execution/{execution_id}",
        "/api/workflow/execution/{execution_id}/events",
        "/api/workflow/execution/new/events",
        "/api/workflow/execution/{execution_id}/cancel",
        "/api/workflow/execution/{execution_id}/nodes/{node_id}/rerun",
        "/api/workflow/execution/{execution_id}/input/{node_id}",
        "/api/streaming/cancel/{transform_id}",
        "/api/artifacts",
        "/api/artifacts/{artifact_id}",
        "/api/artifacts/{artifact_id}/lineage",
        "/api/transforms/{transform_id}",
        "/api/transforms/{transform_id}/chunks",
        "/api/transforms/{transform_id}/replay",
    } <= paths
    assert (
        "text/event-stream"
        in schema["paths"]["/api/workflow/execution/{execution_id}/events"]["get"]["responses"]["200"]["content"]
    )


def test_session_cookies_are_signed() -> None:
    from scriptwriter.gateway.auth import sign_cookie, unsign_cookie

    value = sign_cookie("token-abc", "key-1")
    assert value.startswith("token-abc.") and unsign_cookie(value, "key-1") == "token-abc"
    assert unsign_cookie(value, "key-2") is None
    assert unsign_cookie("token-abc", "key-1") is None
    assert unsign_cookie(value[:-1] + ("A" if value[-1] != "A" else "B"), "key-1") is None
