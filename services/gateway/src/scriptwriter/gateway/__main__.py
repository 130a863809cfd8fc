"""Composition root: `python -m scriptwriter.gateway`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import uvicorn

from scriptwriter.contracts.subjects import LLM_RPC_PREFIX, ORCHESTRATOR_RPC_PREFIX, STORE_RPC_PREFIX
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, close_quietly, connect, ensure_streams
from scriptwriter.servicekit.logs import configure_logging
from scriptwriter.servicekit.store_client import StoreClient

from .adapters.nats_events import NatsControlBus, NatsEventLog
from .app import create_app
from .deps import Services
from .hub import LiveHub
from .settings import GatewaySettings


def build(
    settings: GatewaySettings,
) -> Callable[[], Awaitable[tuple[Services, Callable[[], Awaitable[None]]]]]:
    async def make_services() -> tuple[Services, Callable[[], Awaitable[None]]]:
        nc = await connect(settings.nats_url, "gateway", settings.connect_timeout_s)
        js = nc.jetstream()
        await ensure_streams(js)
        events = NatsEventLog(js)
        svc = Services(
            settings=settings,
            store=StoreClient(RpcClient(nc, STORE_RPC_PREFIX)),
            orchestrator=RpcClient(nc, ORCHESTRATOR_RPC_PREFIX),
            llm=RpcClient(nc, LLM_RPC_PREFIX),
            events=events,
            hub=LiveHub(events),
            control=NatsControlBus(nc),
        )

        async def close() -> None:
            await close_quietly(nc)

        return svc, close

    return make_services


def main() -> None:
    log = configure_logging("gateway")
    settings = GatewaySettings()
    app = create_app(build(settings), settings.static_dir, settings.auth_rate_limit)
    if not (settings.static_dir / "index.html").is_file():
        log.warning("no built UI at %s; run `make web` (the API works without it)", settings.static_dir)
    log.info("gateway on http://%s:%d", settings.gateway_host, settings.gateway_port)
    uvicorn.run(
        app,
        host=settings.gateway_host,
        port=settings.gateway_port,
        log_level="warning",
        timeout_graceful_shutdown=3,
    )
    logging.getLogger("scriptwriter.gateway").info("gateway stopped")


if __name__ == "__main__":
    main()
