"""How long tokens may wait to leave together in one chunk event.

A worker running a few dozen streams publishes a token within `base_s` (3 ms by default), so a slow model is never
held back. Each event has a cost in the worker, the bus, the gateway and the browser, paid per event whatever it
carries; a worker running more than `busy_streams` streams at once (hundreds on one process) would spend more CPU
than it has on them, and latency would grow as events queue. Then the window widens to `busy_s`: each event carries
the tokens of several, and the cost per token falls. It narrows again when streams end. (The count of streams is
the signal, not the event loop's lag: on a shared machine the lag rises with other processes' load.)
"""

from __future__ import annotations

import logging

log = logging.getLogger("scriptwriter.llm_worker")


class CoalescingWindow:
    def __init__(self, base_s: float, busy_s: float | None = None, busy_streams: int = 64) -> None:
        self.base_s = base_s
        self.busy_s = max(busy_s, base_s) if busy_s is not None and base_s > 0 else base_s
        self.busy_streams = busy_streams
        self.seconds = base_s
        """The window now."""

    @property
    def busy(self) -> bool:
        return self.seconds > self.base_s

    def streams(self, running: int) -> None:
        """The worker now runs `running` streams."""
        busy = running > self.busy_streams
        if busy and not self.busy and self.busy_s > self.base_s:
            self.seconds = self.busy_s
            log.info("%d streams at once: tokens wait up to %.0f ms", running, self.busy_s * 1000)
        elif not busy and self.busy:
            self.seconds = self.base_s
            log.info("%d streams at once: tokens wait up to %.0f ms again", running, self.base_s * 1000)
