"""Composition root: `python -m scriptwriter.orchestrator`."""

from __future__ import annotations

import asyncio
import logging

from scriptwriter.contracts.subjects import ORCHESTRATOR_RPC_PREFIX, STORE_RPC_PREFIX
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, RpcServer, close_quietly, connect, ensure_streams
from scriptwriter.servicekit.lifecycle import stop_tasks, wait_for_stop_signal
from scriptwriter.servicekit.logs import configure_logging
from scriptwriter.servicekit.rpc import ServiceUnavailableError
from scriptwriter.servicekit.store_client import StoreClient

from .adapters.nats_bus import NatsOrchestratorBus, consume_results
from .handlers import build_handlers
from .runner import Orchestrator
from .settings import OrchestratorSettings


async def _resume_when_store_answers(orchestrator: Orchestrator, log: logging.Logger) -> int:
    while True:
        try:
            return await orchestrator.resume_all()
        except ServiceUnavailableError:
            log.info("waiting for the artifact-store")


async def _sweep_forever(orchestrator: Orchestrator, log: logging.Logger, every_s: float = 10.0) -> None:
    while True:
        await asyncio.sleep(every_s)
        try:
            if swept := await orchestrator.sweep_outboxes():
                log.info("published %d outbox(es) left behind", swept)
        except Exception as exc:
            log.warning("outbox sweep failed: %s", type(exc).__name__)


async def main() -> None:
    log = configure_logging("orchestrator")
    settings = OrchestratorSettings()
    nc = await connect(settings.nats_url, "orchestrator", settings.connect_timeout_s)
    js = nc.jetstream()
    await ensure_streams(js)
    store = StoreClient(RpcClient(nc, STORE_RPC_PREFIX))
    orchestrator = Orchestrator(store, NatsOrchestratorBus(nc, js))
    resumed = await _resume_when_store_answers(orchestrator, log)
    await RpcServer(nc, ORCHESTRATOR_RPC_PREFIX, build_handlers(orchestrator), queue="orchestrator").start()
    stop = asyncio.Event()
    consumer = asyncio.create_task(consume_results(js, orchestrator.on_node_finished, stop))
    sweeper = asyncio.create_task(_sweep_forever(orchestrator, log))
    log.info("orchestrator ready (%d active executions resumed)", resumed)
    await wait_for_stop_signal()
    stop.set()
    await stop_tasks(consumer, sweeper)
    await close_quietly(nc)
    log.info("orchestrator stopped")


if __name__ == "__main__":
    asyncio.run(main())
