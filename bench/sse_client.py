"""A lean asyncio SSE client for load benchmarks (one process holding a thousand streams)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

OnEvent = Callable[[int, str, dict[str, Any], float], bool]
"""(id, event, data, received_at) → True to stop reading."""


async def stream_events(
    host: str, port: int, path: str, token: str, on_event: OnEvent, last_event_id: int | None = None
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    headers = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        f"Authorization: Bearer {token}",
        "Accept: text/event-stream",
        "Connection: close",
    ]
    if last_event_id is not None:
        headers.append(f"Last-Event-ID: {last_event_id}")
    writer.write(("\r\n".join(headers) + "\r\n\r\n").encode())
    await writer.drain()
    try:
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"stream refused: {status!r}")
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        chunked = True
        fields: dict[str, str] = {}
        buffer = b""
        while True:
            if chunked:
                size_line = await reader.readline()
                if not size_line:
                    return
                size = int(size_line.strip() or b"0", 16)
                if size == 0:
                    return
                buffer += await reader.readexactly(size)
                await reader.readexactly(2)
            while b"\n" in buffer:
                raw, buffer = buffer.split(b"\n", 1)
                line = raw.rstrip(b"\r").decode()
                if line == "":
                    if "data" in fields:
                        now = time.perf_counter()
                        if on_event(
                            int(fields.get("id", "0")), fields.get("event", ""), json.loads(fields["data"]), now
                        ):
                            return
                    fields = {}
                elif not line.startswith(":"):
                    key, _, value = line.partition(":")
                    fields[key] = value[1:] if value.startswith(" ") else value
    finally:
        writer.close()
