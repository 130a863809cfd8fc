"""A crash point for durability tests, off unless `ORCHESTRATOR_CRASH_AFTER_SAVE=<nodeId>:<marker file>` is set.

When a saved transition completes `nodeId`, the process exits at once (as `kill -9` would) before publishing
anything, once: the marker file records that it happened, so the restarted process carries on.
"""

from __future__ import annotations

import os
from pathlib import Path

from .transition import Transition


def crash_after_save_if_asked(tx: Transition) -> None:
    setting = os.environ.get("ORCHESTRATOR_CRASH_AFTER_SAVE")
    if not setting:
        return
    node_id, _, marker = setting.partition(":")
    completes = any(
        envelope.event == "workflow_progress" and envelope.data.get("nodeId") == node_id for envelope, _ in tx.events
    )
    if completes and marker and not Path(marker).exists():
        Path(marker).write_text("crashed\n")
        os._exit(137)
