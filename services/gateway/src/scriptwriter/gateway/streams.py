"""The SSE event stream of one execution: replay after `Last-Event-ID`, or snapshot then live events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scriptwriter.catalog import PROGRAMS
from scriptwriter.servicekit.rpc import NotFoundError
from scriptwriter.servicekit.store_client import StoreClient

from .hub import LiveHub
from .ports import EventLog, EventSubscription
from .snapshot import SnapshotFold
from .sse import sse_frame


async def _drafts(store: StoreClient, execution_id: str, node_ids: list[str]) -> dict[str, Any]:
    drafts = {}
    for node_id in node_ids:
        try:
            saved = await store.latest_input(execution_id, node_id)
        except NotFoundError:
            continue
        if not saved["submitted"]:
            drafts[node_id] = saved["data"]
    return drafts


async def build_snapshot(log: EventLog, store: StoreClient, execution: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Fold the log up to its current end; returns (sequence, `execution_state` data)."""
    fold = SnapshotFold(PROGRAMS[execution["workflowId"]].definition, execution)
    last = await log.last_sequence(execution["userId"], execution["id"])
    if last:
        subscription = await log.subscribe(execution["userId"], execution["id"], None)
        try:
            await _fold_until(subscription, fold, last)
        finally:
            await subscription.close()
    drafts = await _drafts(store, execution["id"], fold.human_nodes_waiting())
    return last, fold.to_data(drafts)


async def _fold_until(subscription: EventSubscription, fold: SnapshotFold, last: int) -> None:
    async for seq, event, data in subscription:
        fold.apply(event, data)
        if seq >= last:
            return


async def event_stream(
    log: EventLog, hub: LiveHub, store: StoreClient, execution: dict[str, Any], last_event_id: int | None
) -> AsyncIterator[bytes]:
    """Every event exactly once, in order: attach to the live feed first, then replay (or fold the snapshot) up to
    a sequence read after attaching, then go on with the live feed, dropping what the replay already sent."""
    user_id, execution_id = execution["userId"], execution["id"]
    if last_event_id is not None and last_event_id + 1 < await log.first_sequence():
        last_event_id = None  # too old to replay: fall back to the snapshot
    feed = await hub.attach(user_id, execution_id)
    try:
        last = await log.last_sequence(user_id, execution_id)
        if last_event_id is not None and last_event_id > last:
            last_event_id = None  # not an event of this execution: start from the snapshot
        if last_event_id is None:
            fold = SnapshotFold(PROGRAMS[execution["workflowId"]].definition, execution)
            if last:
                subscription = await log.subscribe(user_id, execution_id, None)
                try:
                    await _fold_until(subscription, fold, last)
                finally:
                    await subscription.close()
            drafts = await _drafts(store, execution_id, fold.human_nodes_waiting())
            yield sse_frame(last, "execution_state", fold.to_data(drafts))
            sent = last
        else:
            sent = last_event_id
            if last > last_event_id:
                subscription = await log.subscribe(user_id, execution_id, last_event_id + 1)
                try:
                    async for seq, event, data in subscription:
                        if seq > sent:
                            sent = seq
                            yield sse_frame(seq, event, data)
                        if seq >= last:
                            break
                finally:
                    await subscription.close()
        async for seq, frame in feed.frames():
            if seq > sent:
                sent = seq
                yield frame
    finally:
        feed.close()
