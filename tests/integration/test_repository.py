"""The artifact-store's repository against a real MongoDB-wire-protocol server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from scriptwriter.artifact_store.adapters.mongo import MongoDatabase
from scriptwriter.artifact_store.adapters.repository import CHUNK_PAGE, Repository
from scriptwriter.servicekit.rpc import ConflictError, NotFoundError

pytestmark = pytest.mark.integration


@pytest.fixture
async def repo(mongodb_url: str) -> AsyncIterator[Repository]:
    mongo = MongoDatabase(mongodb_url, "test")
    await mongo.wait_until_up(20)
    await mongo.ensure_indexes()
    yield Repository(mongo)
    await mongo.close()


def artifact(aid: str, user: str = "usr_a", transform: str = "tr_1") -> dict[str, object]:
    return {
        "id": aid,
        "type": "brainstorm_idea",
        "version": "v1",
        "userId": user,
        "executionId": "ex_1",
        "transformId": transform,
        "createdAt": f"2026-01-01T00:00:0{aid[-1]}Z",
        "data": {"title": aid},
    }


async def test_usernames_are_unique(repo: Repository) -> None:
    await repo.create_user({"id": "usr_1", "username": "alice", "passwordHash": "h"})
    with pytest.raises(ConflictError):
        await repo.create_user({"id": "usr_2", "username": "alice", "passwordHash": "h"})
    assert (await repo.user_by_name("alice"))["user"]["id"] == "usr_1"


async def test_sessions_can_be_revoked(repo: Repository) -> None:
    await repo.create_session({"id": "hash1", "userId": "usr_1", "revoked": False})
    assert (await repo.get_session("hash1"))["session"]["userId"] == "usr_1"
    await repo.revoke_session("hash1")
    with pytest.raises(NotFoundError):
        await repo.get_session("hash1")


async def test_execution_updates_are_guarded_by_version(repo: Repository) -> None:
    await repo.create_execution(
        {"id": "ex_1", "userId": "usr_a", "status": "running", "version": 0, "createdAt": "2026-01-01T00:00:00Z"}
    )
    assert (await repo.update_execution("ex_1", 0, {"status": "paused"}))["version"] == 1
    with pytest.raises(ConflictError):
        await repo.update_execution("ex_1", 0, {"status": "completed"})
    with pytest.raises(NotFoundError):
        await repo.get_execution("ex_1", "usr_b")
    assert (await repo.get_execution("ex_1", "usr_a"))["execution"]["status"] == "paused"
    assert [e["id"] for e in (await repo.active_executions())["executions"]] == ["ex_1"]
    assert (await repo.executions_with_outbox())["executions"] == []
    await repo.update_execution("ex_1", 1, {"status": "completed", "outbox": [{"kind": "event"}], "hasOutbox": True})
    assert [e["id"] for e in (await repo.active_executions())["executions"]] == ["ex_1"]
    assert [e["id"] for e in (await repo.executions_with_outbox())["executions"]] == ["ex_1"]


async def test_inputs_are_versioned(repo: Repository) -> None:
    entry = {"executionId": "ex_1", "nodeId": "n", "userId": "usr_a", "submitted": False, "createdAt": "t"}
    assert (await repo.save_input({**entry, "data": {"a": 1}}))["version"] == 1
    assert (await repo.save_input({**entry, "data": {"a": 2}}))["version"] == 2
    latest = (await repo.latest_input("ex_1", "n"))["input"]
    assert latest["version"] == 2 and latest["data"] == {"a": 2}


async def test_artifact_writes_are_idempotent_and_owned(repo: Repository) -> None:
    await repo.put_artifacts([artifact("art_1"), artifact("art_2")])
    await repo.put_artifacts([artifact("art_1")])
    listed = (await repo.list_artifacts("usr_a", None, None))["artifacts"]
    assert [a["id"] for a in listed] == ["art_2", "art_1"]
    assert (await repo.list_artifacts("usr_b", None, None))["artifacts"] == []
    with pytest.raises(NotFoundError):
        await repo.get_artifact("art_1", "usr_b")


async def test_lineage_follows_transforms_both_ways(repo: Repository) -> None:
    await repo.put_artifacts(
        [artifact("art_1", transform="tr_1"), artifact("art_2", transform="tr_2"), artifact("art_3", transform="tr_3")]
    )
    for tid, inputs, outputs in (
        ("tr_1", [], ["art_1"]),
        ("tr_2", ["art_1"], ["art_2"]),
        ("tr_3", ["art_2"], ["art_3"]),
    ):
        await repo.put_transform(
            {
                "id": tid,
                "type": "llm",
                "userId": "usr_a",
                "inputIds": inputs,
                "outputIds": outputs,
                "inputs": [{"artifactId": i, "role": "source"} for i in inputs],
            }
        )
    middle = await repo.lineage("art_2", "usr_a")
    assert [a["id"] for a in middle["ancestors"]] == ["art_1"]
    assert [a["id"] for a in middle["descendants"]] == ["art_3"]
    assert {t["id"] for t in middle["transforms"]} == {"tr_1", "tr_2", "tr_3"}
    with pytest.raises(NotFoundError):
        await repo.lineage("art_2", "usr_b")


async def test_transform_updates_merge_and_chunks_keep_order(repo: Repository) -> None:
    await repo.put_transform({"id": "tr_9", "type": "llm", "userId": "usr_a", "status": "streaming"})
    await repo.put_transform({"id": "tr_9", "status": "completed", "rawResponse": "abc"})
    found = (await repo.get_transform("tr_9", "usr_a"))["transform"]
    assert (found["type"], found["status"], found["rawResponse"]) == ("llm", "completed", "abc")
    chunks = [{"index": i, "delta": f"{i}字"} for i in range(CHUNK_PAGE * 2 + 7)]  # three pages
    await repo.put_chunks("tr_9", list(reversed(chunks[: CHUNK_PAGE + 3])))
    await repo.put_chunks("tr_9", chunks)  # a repeated request with new chunks: stored ones kept, new ones land
    await repo.put_chunks("tr_9", [{"index": 0, "delta": "changed"}, *chunks[5:9]])
    await repo.put_chunks("tr_9", [])
    assert (await repo.get_chunks("tr_9", "usr_a"))["chunks"] == chunks
    with pytest.raises(NotFoundError):
        await repo.get_chunks("tr_9", "usr_b")
