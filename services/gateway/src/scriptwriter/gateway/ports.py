"""What the gateway needs from the bus."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

from scriptwriter.contracts.messages import CancelTransform

LoggedEvent = tuple[int, str, dict[str, Any]]
"""(stream sequence, event type, data)"""


class EventSubscription(Protocol):
    def __aiter__(self) -> AsyncIterator[LoggedEvent]: ...

    async def close(self) -> None: ...


class EventLog(Protocol):
    async def last_sequence(self, user_id: str, execution_id: str) -> int:
        """Sequence of the execution's latest event, 0 when it has none."""

    async def first_sequence(self) -> int:
        """The oldest sequence still kept in the log."""

    async def subscribe(self, user_id: str, execution_id: str, start: int | None) -> EventSubscription:
        """Events of the execution from sequence `start` (all of them when None), then live ones."""

    async def subscribe_new(self, user_id: str, execution_id: str) -> EventSubscription:
        """Only the events published from now on."""


class ControlBus(Protocol):
    async def cancel(self, command: CancelTransform) -> None: ...
