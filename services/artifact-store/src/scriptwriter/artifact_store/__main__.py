"""Composition root: `python -m scriptwriter.artifact_store`."""

from __future__ import annotations

import asyncio

from scriptwriter.contracts.subjects import STORE_RPC_PREFIX
from scriptwriter.servicekit.adapters.nats_bus import RpcServer, close_quietly, connect, ensure_streams
from scriptwriter.servicekit.lifecycle import wait_for_stop_signal
from scriptwriter.servicekit.logs import configure_logging

from .adapters.mongo import MongoDatabase
from .adapters.repository import Repository
from .handlers import build_handlers
from .settings import StoreSettings


async def main() -> None:
    log = configure_logging("artifact_store")
    settings = StoreSettings()
    mongo = MongoDatabase(settings.mongodb_url, settings.database)
    await mongo.wait_until_up(settings.connect_timeout_s)
    await mongo.ensure_indexes()
    nc = await connect(settings.nats_url, "artifact-store", settings.connect_timeout_s)
    await ensure_streams(nc.jetstream())
    server = RpcServer(nc, STORE_RPC_PREFIX, build_handlers(Repository(mongo)), queue="artifact-store")
    await server.start()
    log.info("artifact-store ready (database %s)", settings.database)
    await wait_for_stop_signal()
    await close_quietly(nc)
    await mongo.close()
    log.info("artifact-store stopped")


if __name__ == "__main__":
    asyncio.run(main())
