"""Composition root: `python -m scriptwriter.llm_worker`."""

from __future__ import annotations

import asyncio
import os
import socket

from scriptwriter.contracts.subjects import LLM_RPC_PREFIX, STORE_RPC_PREFIX
from scriptwriter.servicekit.adapters.nats_bus import RpcClient, RpcServer, close_quietly, connect, ensure_streams
from scriptwriter.servicekit.lifecycle import stop_tasks, wait_for_stop_signal
from scriptwriter.servicekit.logs import configure_logging
from scriptwriter.servicekit.store_client import StoreClient

from .adapters.nats_bus import NatsWorkerBus, consume_jobs, listen_for_abandoned_jobs, listen_for_cancels
from .adapters.openai_provider import OpenAIProvider
from .jobs import JobRunner
from .replay import build_replay_handlers
from .retry import RetryPolicy
from .settings import WorkerSettings
from .window import CoalescingWindow


async def main() -> None:
    log = configure_logging("llm_worker")
    settings = WorkerSettings()
    provider = OpenAIProvider(
        settings.openai_base_url, settings.openai_api_key, settings.model_name(), settings.request_timeout_s
    )
    nc = await connect(settings.nats_url, "llm-worker", settings.connect_timeout_s)
    js = nc.jetstream()
    await ensure_streams(js)
    bus = NatsWorkerBus(nc, js)
    window = CoalescingWindow(
        settings.coalesce_ms / 1000, settings.coalesce_busy_ms / 1000, settings.coalesce_busy_streams
    )
    runner = JobRunner(
        provider,
        bus,
        StoreClient(RpcClient(nc, STORE_RPC_PREFIX)),
        heartbeat_s=settings.ack_wait_s / 3,
        retry=RetryPolicy(settings.retry_base_s, settings.retry_max_s),
        window=window,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )
    await listen_for_cancels(nc, runner.cancel, bus)
    await listen_for_abandoned_jobs(nc, js, runner.abandon)
    await RpcServer(nc, LLM_RPC_PREFIX, build_replay_handlers(provider), queue="llm-worker").start()
    stop = asyncio.Event()
    consumer = asyncio.create_task(
        consume_jobs(js, runner.run, settings.concurrency, settings.ack_wait_s, settings.max_deliver, stop)
    )
    log.info("llm-worker ready: model %s, concurrency %d", provider.model, settings.concurrency)
    await wait_for_stop_signal()
    stop.set()
    await stop_tasks(consumer)
    await bus.close()
    await close_quietly(nc)
    await provider.close()
    log.info("llm-worker stopped")


if __name__ == "__main__":
    asyncio.run(main())
