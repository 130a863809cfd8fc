"""Typed calls to the artifact-store over RPC."""

from __future__ import annotations

from typing import Any

from .rpc import Payload, RpcCaller

Doc = dict[str, Any]


class StoreClient:
    def __init__(self, rpc: RpcCaller) -> None:
        self._rpc = rpc

    async def _call(self, operation: str, payload: Payload) -> Payload:
        return await self._rpc.call(operation, payload)

    async def create_user(self, user: Doc) -> Doc:
        return (await self._call("users.create", {"user": user}))["user"]  # type: ignore[no-any-return]

    async def user_by_name(self, username: str) -> Doc:
        return (await self._call("users.by_name", {"username": username}))["user"]  # type: ignore[no-any-return]

    async def get_user(self, user_id: str) -> Doc:
        return (await self._call("users.get", {"userId": user_id}))["user"]  # type: ignore[no-any-return]

    async def create_session(self, session: Doc) -> None:
        await self._call("sessions.create", {"session": session})

    async def get_session(self, token_hash: str) -> Doc:
        return (await self._call("sessions.get", {"tokenHash": token_hash}))["session"]  # type: ignore[no-any-return]

    async def revoke_session(self, token_hash: str) -> None:
        await self._call("sessions.revoke", {"tokenHash": token_hash})

    async def create_execution(self, execution: Doc) -> None:
        await self._call("executions.create", {"execution": execution})

    async def get_execution(self, execution_id: str, user_id: str | None = None) -> Doc:
        reply = await self._call("executions.get", {"executionId": execution_id, "userId": user_id})
        return reply["execution"]  # type: ignore[no-any-return]

    async def list_executions(self, user_id: str) -> list[Doc]:
        return (await self._call("executions.list", {"userId": user_id}))["executions"]  # type: ignore[no-any-return]

    async def update_execution(self, execution_id: str, expected_version: int, changes: Doc) -> int:
        reply = await self._call(
            "executions.update",
            {"executionId": execution_id, "expectedVersion": expected_version, "changes": changes},
        )
        return int(reply["version"])

    async def active_executions(self) -> list[Doc]:
        return (await self._call("executions.active", {}))["executions"]  # type: ignore[no-any-return]

    async def executions_with_outbox(self) -> list[Doc]:
        return (await self._call("executions.with_outbox", {}))["executions"]  # type: ignore[no-any-return]

    async def save_input(self, entry: Doc) -> int:
        return int((await self._call("inputs.save", {"input": entry}))["version"])

    async def latest_input(self, execution_id: str, node_id: str) -> Doc:
        reply = await self._call("inputs.latest", {"executionId": execution_id, "nodeId": node_id})
        return reply["input"]  # type: ignore[no-any-return]

    async def put_artifacts(self, artifacts: list[Doc]) -> None:
        await self._call("artifacts.put", {"artifacts": artifacts})

    async def get_artifact(self, artifact_id: str, user_id: str) -> Doc:
        reply = await self._call("artifacts.get", {"artifactId": artifact_id, "userId": user_id})
        return reply["artifact"]  # type: ignore[no-any-return]

    async def list_artifacts(
        self, user_id: str, type_: str | None, execution_id: str | None, scope: str | None = None
    ) -> list[Doc]:
        payload = {"userId": user_id, "type": type_, "executionId": execution_id, "scope": scope}
        reply = await self._call("artifacts.list", payload)
        return reply["artifacts"]  # type: ignore[no-any-return]

    async def lineage(self, artifact_id: str, user_id: str) -> Doc:
        return await self._call("artifacts.lineage", {"artifactId": artifact_id, "userId": user_id})

    async def put_transform(self, transform: Doc) -> None:
        await self._call("transforms.put", {"transform": transform})

    async def get_transform(self, transform_id: str, user_id: str) -> Doc:
        reply = await self._call("transforms.get", {"transformId": transform_id, "userId": user_id})
        return reply["transform"]  # type: ignore[no-any-return]

    async def list_transforms(self, user_id: str, execution_id: str) -> list[Doc]:
        reply = await self._call("transforms.list", {"userId": user_id, "executionId": execution_id})
        return reply["transforms"]  # type: ignore[no-any-return]

    async def put_chunks(self, transform_id: str, chunks: list[Doc]) -> None:
        await self._call("chunks.put", {"transformId": transform_id, "chunks": chunks})

    async def get_chunks(self, transform_id: str, user_id: str) -> list[Doc]:
        reply = await self._call("chunks.get", {"transformId": transform_id, "userId": user_id})
        return reply["chunks"]  # type: ignore[no-any-return]
