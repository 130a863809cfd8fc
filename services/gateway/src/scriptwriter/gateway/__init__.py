"""The gateway: the HTTP API, the SSE event streams and the built web UI."""
