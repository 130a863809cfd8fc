"""The SSE event stream of one execution: replay after `Last-Event-ID`, or snapshot then live events."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from scriptwriter.catalog import PROGRAMS
from scriptwriter.servicekit.rpc import NotFoundError
from scriptwriter.servicekit.store_client import StoreClient

from .ports import EventLog
from .snapshot import SnapshotFold


def _sse(seq: int, event: str, data: dict[str, Any]) -> dict[str, str]:
    return {
        "id": str(seq),
        "event": event,
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    }


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
            async for seq, event, data in subscription:
                if seq <= last:
                    fold.apply(event, data)
                if seq >= last:
                    break
        finally:
            await subscription.close()
    drafts = await _drafts(store, execution["id"], fold.human_nodes_waiting())
    return last, fold.to_data(drafts)


async def event_stream(
    log: EventLog, store: StoreClient, execution: dict[str, Any], last_event_id: int | None
) -> AsyncIterator[dict[str, str]]:
    """Every event exactly once, in order: subscribe first, then replay and go on live from the same consumer."""
    user_id, execution_id = execution["userId"], execution["id"]
    if last_event_id is not None and last_event_id + 1 < await log.first_sequence():
        last_event_id = None  # too old to replay: fall back to the snapshot
    if last_event_id is not None:
        subscription = await log.subscribe(user_id, execution_id, last_event_id + 1)
        sent = last_event_id
    else:
        last = await log.last_sequence(user_id, execution_id)
        subscription = await log.subscribe(user_id, execution_id, None)
        sent = last
    try:
        if last_event_id is None:
            fold = SnapshotFold(PROGRAMS[execution["workflowId"]].definition, execution)
            if last:
                async for seq, event, data in subscription:
                    fold.apply(event, data)
                    if seq >= last:
                        break
            drafts = await _drafts(store, execution_id, fold.human_nodes_waiting())
            yield _sse(last, "execution_state", fold.to_data(drafts))
        async for seq, event, data in subscription:
            if seq <= sent:
                continue
            sent = seq
            yield _sse(seq, event, data)
    finally:
        await subscription.close()
