"""MongoDB persistence through PyMongo's async client.

Only plain query shapes that both MongoDB 7 and the embedded wire-compatible server honour: equality and `$in`
filters, `$set` updates guarded by a version field, unique indexes for idempotence, sort + limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from pymongo import ASCENDING, DESCENDING, AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

log = logging.getLogger("scriptwriter.artifact_store.mongo")

Doc = dict[str, Any]

INDEXES: dict[str, list[tuple[list[tuple[str, int]], bool]]] = {
    "users": [([("username", ASCENDING)], True)],
    "sessions": [([("userId", ASCENDING)], False)],
    "executions": [
        ([("userId", ASCENDING), ("createdAt", DESCENDING)], False),
        ([("status", ASCENDING)], False),
        ([("hasOutbox", ASCENDING)], False),
    ],
    "user_inputs": [([("executionId", ASCENDING), ("nodeId", ASCENDING), ("version", DESCENDING)], True)],
    "artifacts": [
        ([("userId", ASCENDING), ("createdAt", DESCENDING)], False),
        ([("executionId", ASCENDING)], False),
        ([("transformId", ASCENDING)], False),
        ([("userId", ASCENDING), ("type", ASCENDING), ("scope", ASCENDING)], False),
    ],
    "transforms": [
        ([("inputIds", ASCENDING)], False),
        ([("outputIds", ASCENDING)], False),
        ([("executionId", ASCENDING)], False),
    ],
    "chunks": [([("transformId", ASCENDING), ("index", ASCENDING)], True)],  # one per chunk, as stored before
    "chunk_pages": [([("transformId", ASCENDING), ("page", ASCENDING)], True)],
}


class MongoDatabase:
    def __init__(self, url: str, database: str) -> None:
        self._client: AsyncMongoClient[Doc] = AsyncMongoClient(url, serverSelectionTimeoutMS=2000)
        self.db: AsyncDatabase[Doc] = self._client[database]

    async def wait_until_up(self, timeout_s: float = 120.0) -> None:
        deadline = time.monotonic() + timeout_s
        delay = 0.1
        while True:
            try:
                await self._client.admin.command("ping")
                return
            except PyMongoError as exc:
                if time.monotonic() > deadline:
                    raise
                log.info("waiting for MongoDB (%s); retrying in %.1fs", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 3.0)

    async def ensure_indexes(self) -> None:
        for collection, indexes in INDEXES.items():
            for keys, unique in indexes:
                await self.db[collection].create_index(keys, unique=unique)

    async def close(self) -> None:
        await self._client.close()

    async def insert_new(self, collection: str, doc: Doc) -> bool:
        """Insert; False when a document with the same unique key is already there."""
        try:
            await self.db[collection].insert_one(doc)
            return True
        except DuplicateKeyError:
            return False

    async def insert_many_idempotent(self, collection: str, docs: list[Doc]) -> None:
        if not docs:
            return
        try:
            await self.db[collection].insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            fatal = [e for e in exc.details.get("writeErrors", []) if e.get("code") != 11000]
            if fatal:
                raise
