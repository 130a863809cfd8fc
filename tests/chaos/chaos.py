"""Killing and restarting the system's processes at random moments while executions run."""

from __future__ import annotations

import asyncio
import random
import signal
from collections import Counter

from tests.support.ports import wait_for_port
from tests.support.system import RunningSystem

# (process, signal): kill -9 where the issue asks for it, a clean restart for the others.
ACTIONS = [
    ("llm-worker", signal.SIGKILL),
    ("orchestrator", signal.SIGKILL),
    ("artifact-store", signal.SIGTERM),
    ("gateway", signal.SIGTERM),
    ("nats", signal.SIGTERM),
]


async def restart(system: RunningSystem, name: str, sig: int) -> None:
    await asyncio.to_thread(system.stop_process, name, sig)
    await asyncio.to_thread(system.start_process, name)
    port = {"nats": system.settings.nats_port, "gateway": system.settings.gateway_port}.get(name)
    if port is not None:
        await asyncio.to_thread(wait_for_port, port, 30.0)


async def monkey(system: RunningSystem, stop: asyncio.Event, seed: int, every_s: tuple[float, float]) -> Counter[str]:
    """Restart a random process every few seconds until `stop`; every kind at least once when time allows."""
    rng = random.Random(seed)
    done: Counter[str] = Counter()
    pending = list(ACTIONS)
    rng.shuffle(pending)
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), rng.uniform(*every_s))
            break
        except TimeoutError:
            pass
        name, sig = pending.pop() if pending else rng.choice(ACTIONS)
        await restart(system, name, sig)
        done[name] += 1
    return done
