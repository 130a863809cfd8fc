"""The FastAPI application: routes, error shape, the built UI with SPA fallback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .deps import Services
from .errors import error_response, install_error_handlers
from .ratelimit import RateLimiter
from .routes import artifacts, auth, executions, replay, system, workflows

ServicesFactory = Callable[[], Awaitable[tuple[Services, Callable[[], Awaitable[None]]]]]


def create_app(make_services: ServicesFactory, static_dir: Path | None, auth_rate_limit: int = 30) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc, close = await make_services()
        app.state.services = svc
        try:
            yield
        finally:
            await close()

    app = FastAPI(
        title="Script Writer API",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.auth_limiter = RateLimiter(limit=auth_rate_limit, window_s=60)
    install_error_handlers(app)
    for module in (auth, workflows, executions, artifacts, replay, system):
        app.include_router(module.router)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def unknown_api(rest: str) -> Response:
        return error_response(404, "not_found", "no such API route")

    if static_dir is not None and (static_dir / "index.html").is_file():
        index = static_dir / "index.html"
        if (static_dir / "assets").is_dir():
            app.mount("/assets", StaticFiles(directory=static_dir / "assets"), name="assets")

        @app.get("/{path:path}", include_in_schema=False)
        def spa(path: str, request: Request) -> Response:
            candidate = (static_dir / path).resolve()
            if path and candidate.is_file() and static_dir.resolve() in candidate.parents:
                return FileResponse(candidate)
            return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return app
