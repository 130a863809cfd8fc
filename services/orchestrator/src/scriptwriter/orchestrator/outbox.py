"""The outbox: what a transition must announce is saved with the execution, then published.

Saving events and jobs in the same guarded write as the state they describe means a crash between the write and
the publish loses nothing: on restart the outbox is published again, and the message ids make any repeat a no-op
on the bus. Once published, the outbox is cleared in the background.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scriptwriter.contracts.events import EventEnvelope
from scriptwriter.contracts.messages import CancelTransform, GenerateText

from .ports import OrchestratorBus
from .transition import Transition

log = logging.getLogger("scriptwriter.orchestrator.outbox")


def outbox_entries(tx: Transition) -> list[dict[str, Any]]:
    """Cancels go first, and wait for the workers holding the streams to confirm: no chunk of a stopped stream
    lands in the log after the events that say its node ended."""
    entries: list[dict[str, Any]] = [
        {"kind": "cancel", "cancel": c.model_dump(mode="json"), "streams": streams} for c, streams in tx.cancels
    ]
    entries += [
        {"kind": "event", "envelope": envelope.model_dump(mode="json"), "msgId": msg_id}
        for envelope, msg_id in tx.events
    ]
    entries += [{"kind": "job", "job": job.model_dump(mode="json")} for job in tx.jobs]
    return entries


async def publish_outbox_patiently(
    bus: OrchestratorBus, doc: dict[str, Any], entries: list[dict[str, Any]], patience_s: float = 30.0
) -> bool:
    """Publish, retrying with backoff while the bus is away (a restart of NATS, say); False if it stays away.
    What is not published stays in the saved outbox and is published again later."""
    deadline = time.monotonic() + patience_s
    delay = 0.1
    while True:
        try:
            await publish_outbox(bus, doc, entries)
            return True
        except Exception as exc:
            if time.monotonic() + delay > deadline:
                log.warning("could not publish the outbox of %s (%s); it stays saved", doc["id"], type(exc).__name__)
                return False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)


async def publish_outbox(bus: OrchestratorBus, doc: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        if entry["kind"] == "event":
            envelope = EventEnvelope.model_validate(entry["envelope"])
            await bus.publish_event(doc["userId"], doc["id"], envelope, entry["msgId"])
        elif entry["kind"] == "job":
            await bus.dispatch_job(GenerateText.model_validate(entry["job"]))
        else:
            await bus.broadcast_cancel(CancelTransform.model_validate(entry["cancel"]), entry.get("streams", 0))
