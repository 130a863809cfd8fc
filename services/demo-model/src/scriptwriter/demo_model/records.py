"""What happened to each completion request, for `GET /_demo/requests`."""

from __future__ import annotations

import itertools
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

MAX_RECORDS = 1000


@dataclass
class RequestRecord:
    id: str
    template: str
    fault: str | None
    started_at: float
    status: int | None = None
    """The status the server sent; `None` while (or if) no response has started."""
    ended_at: float | None = None
    chunks_sent: int = 0
    """Text chunks sent (answer or reasoning); the role, finish, usage and empty-choices chunks do not count."""
    completed: bool = False
    """The whole response went out: a stream through `[DONE]`, a JSON body, an error body."""
    client_closed: bool = False
    """The client disconnected before the response was complete."""

    def finish(self, *, completed: bool = False, client_closed: bool = False) -> None:
        if self.ended_at is None:
            self.ended_at = time.time()
            self.completed = completed
            self.client_closed = client_closed

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "template": self.template,
            "fault": self.fault,
            "status": self.status,
            "startedAt": self.started_at,
            "endedAt": self.ended_at,
            "chunksSent": self.chunks_sent,
            "completed": self.completed,
            "clientClosed": self.client_closed,
        }


class RequestLog:
    """The latest `MAX_RECORDS` requests, oldest first."""

    def __init__(self) -> None:
        self._records: deque[RequestRecord] = deque(maxlen=MAX_RECORDS)
        self._ids = itertools.count(1)

    def start(self, template: str, fault: str | None) -> RequestRecord:
        record = RequestRecord(id=f"req_{next(self._ids)}", template=template, fault=fault, started_at=time.time())
        self._records.append(record)
        return record

    def as_json(self) -> list[dict[str, Any]]:
        return [record.as_json() for record in self._records]

    def clear(self) -> None:
        self._records.clear()
