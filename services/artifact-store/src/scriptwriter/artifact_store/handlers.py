"""RPC operations of the artifact-store: validate the request, call the repository."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from scriptwriter.contracts.ids import is_valid_id
from scriptwriter.servicekit.rpc import Handler, InvalidRequestError, Payload

from .adapters.repository import Repository


def _id(payload: Payload, key: str) -> str:
    value = payload.get(key)
    if not is_valid_id(value):
        raise InvalidRequestError(f"invalid {key}", [{"path": [key], "message": "invalid id"}])
    assert isinstance(value, str)
    return value


def _optional_id(payload: Payload, key: str) -> str | None:
    return None if payload.get(key) is None else _id(payload, key)


def _str(payload: Payload, key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str):
        raise InvalidRequestError(f"{key} must be a string")
    return value


def _list(payload: Payload, key: str) -> list[Any]:
    value = payload.get(key)
    if not isinstance(value, list):
        raise InvalidRequestError(f"{key} must be a list")
    return value


def build_handlers(repo: Repository) -> dict[str, Handler]:
    ops: dict[str, Callable[[Payload], Awaitable[Payload]]] = {
        "users.create": lambda p: repo.create_user(p["user"]),
        "users.by_name": lambda p: repo.user_by_name(_str(p, "username")),
        "users.get": lambda p: repo.get_user(_id(p, "userId")),
        "sessions.create": lambda p: repo.create_session(p["session"]),
        "sessions.get": lambda p: repo.get_session(_str(p, "tokenHash")),
        "sessions.revoke": lambda p: repo.revoke_session(_str(p, "tokenHash")),
        "executions.create": lambda p: repo.create_execution(p["execution"]),
        "executions.get": lambda p: repo.get_execution(_id(p, "executionId"), _optional_id(p, "userId")),
        "executions.list": lambda p: repo.list_executions(_id(p, "userId")),
        "executions.update": lambda p: repo.update_execution(
            _id(p, "executionId"), int(p["expectedVersion"]), p["changes"]
        ),
        "executions.active": lambda p: repo.active_executions(),
        "executions.with_outbox": lambda p: repo.executions_with_outbox(),
        "inputs.save": lambda p: repo.save_input(p["input"]),
        "inputs.latest": lambda p: repo.latest_input(_id(p, "executionId"), _id(p, "nodeId")),
        "artifacts.put": lambda p: repo.put_artifacts(_list(p, "artifacts")),
        "artifacts.get": lambda p: repo.get_artifact(_id(p, "artifactId"), _id(p, "userId")),
        "artifacts.list": lambda p: repo.list_artifacts(
            _id(p, "userId"), _optional_id(p, "type"), _optional_id(p, "executionId"), _optional_id(p, "scope")
        ),
        "artifacts.lineage": lambda p: repo.lineage(_id(p, "artifactId"), _id(p, "userId")),
        "transforms.put": lambda p: repo.put_transform(p["transform"]),
        "transforms.get": lambda p: repo.get_transform(_id(p, "transformId"), _id(p, "userId")),
        "transforms.list": lambda p: repo.list_transforms(_id(p, "userId"), _id(p, "executionId")),
        "chunks.put": lambda p: repo.put_chunks(_id(p, "transformId"), _list(p, "chunks")),
        "chunks.get": lambda p: repo.get_chunks(_id(p, "transformId"), _id(p, "userId")),
    }
    return ops
