"""A spinner line in the worker's log while models think, one line a second for all thinking streams."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class ThinkingSpinner:
    def __init__(self, log: logging.Logger, interval_s: float = 1.0) -> None:
        self._log = log
        self._interval_s = interval_s
        self._since: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self, transform_id: str) -> None:
        self._since.setdefault(transform_id, time.monotonic())
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._spin())

    def stop(self, transform_id: str) -> None:
        started = self._since.pop(transform_id, None)
        if started is not None:
            self._log.info("%s thought for %.1f s", transform_id, time.monotonic() - started)

    async def _spin(self) -> None:
        frame = 0
        while self._since:
            await asyncio.sleep(self._interval_s)
            now = time.monotonic()
            thinking = ", ".join(f"{tid} {now - since:.0f}s" for tid, since in list(self._since.items())[:5])
            more = f" and {len(self._since) - 5} more" if len(self._since) > 5 else ""
            if thinking:
                self._log.info("%s thinking: %s%s", FRAMES[frame % len(FRAMES)], thinking, more)
            frame += 1

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
