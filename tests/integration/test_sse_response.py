"""The SSE response on a real server socket: pings while idle, a client that stops reading is dropped after the
send timeout, and the event source is released when the client goes away."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from scriptwriter.gateway.sse import SseResponse
from tests.support.ports import free_port, wait_for_port

pytestmark = pytest.mark.integration


class Source:
    def __init__(self, frame: bytes, count: int | None, pause_s: float) -> None:
        self.frame, self.count, self.pause_s = frame, count, pause_s
        self.closed = asyncio.Event()

    async def frames(self) -> AsyncIterator[bytes]:
        try:
            sent = 0
            while self.count is None or sent < self.count:
                yield self.frame
                sent += 1
                await asyncio.sleep(self.pause_s)
            await asyncio.Event().wait()
        finally:
            self.closed.set()


@contextlib.asynccontextmanager
async def serve(source: Source, ping_s: float, timeout_s: float) -> AsyncIterator[int]:
    async def endpoint(_request: Request) -> SseResponse:
        return SseResponse(source.frames(), ping_interval_s=ping_s, send_timeout_s=timeout_s)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/", endpoint)]), port=port, log_level="error"))
    task = asyncio.create_task(server.serve())
    await asyncio.to_thread(wait_for_port, port)
    try:
        yield port
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def test_pings_while_idle_and_release_on_disconnect() -> None:
    source = Source(b"id: 1\nevent: x\ndata: {}\n\n", count=1, pause_s=0)
    async with serve(source, ping_s=0.3, timeout_s=5) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        received = b""
        async with asyncio.timeout(5):
            while received.count(b": ping") < 2:
                received += await reader.read(4096)
        assert b"text/event-stream" in received and b"id: 1\nevent: x" in received
        writer.close()
        await asyncio.wait_for(source.closed.wait(), 5)


async def test_a_client_that_stops_reading_is_dropped() -> None:
    source = Source(b"data: " + b"x" * 65_536 + b"\n\n", count=None, pause_s=0)
    async with serve(source, ping_s=15, timeout_s=1) as port:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        await asyncio.wait_for(source.closed.wait(), 15)
        sock.close()
