"""The store's operations on MongoDB, one method per RPC operation.

Every read of a user's resource filters by `userId`, so another user's id reads as missing.
"""

from __future__ import annotations

from collections import defaultdict

from pymongo import DESCENDING
from pymongo.errors import BulkWriteError, DuplicateKeyError

from scriptwriter.servicekit.rpc import ConflictError, NotFoundError

from .mongo import Doc, MongoDatabase

LINEAGE_DEPTH = 25
CHUNK_PAGE = 256
DUPLICATE_KEY = 11000


def _out(doc: Doc | None, what: str) -> Doc:
    if doc is None:
        raise NotFoundError(f"{what} not found")
    doc = dict(doc)
    doc["id"] = doc.pop("_id")
    return doc


def _with_id(doc: Doc) -> Doc:
    doc = dict(doc)
    doc["_id"] = doc.pop("id")
    return doc


class Repository:
    def __init__(self, mongo: MongoDatabase) -> None:
        self._db = mongo.db

    # users and sessions
    async def create_user(self, user: Doc) -> Doc:
        try:
            await self._db.users.insert_one(_with_id(user))
        except DuplicateKeyError as exc:
            raise ConflictError("username already taken") from exc
        return {"user": {"id": user["id"], "username": user["username"]}}

    async def user_by_name(self, username: str) -> Doc:
        return {"user": _out(await self._db.users.find_one({"username": username}), "user")}

    async def get_user(self, user_id: str) -> Doc:
        doc = _out(await self._db.users.find_one({"_id": user_id}), "user")
        return {"user": {"id": doc["id"], "username": doc["username"]}}

    async def create_session(self, session: Doc) -> Doc:
        await self._db.sessions.insert_one(_with_id(session))
        return {}

    async def get_session(self, token_hash: str) -> Doc:
        doc = await self._db.sessions.find_one({"_id": token_hash, "revoked": False})
        return {"session": _out(doc, "session")}

    async def revoke_session(self, token_hash: str) -> Doc:
        await self._db.sessions.update_one({"_id": token_hash}, {"$set": {"revoked": True}})
        return {}

    # executions and inputs
    async def create_execution(self, execution: Doc) -> Doc:
        try:
            await self._db.executions.insert_one(_with_id(execution))
        except DuplicateKeyError as exc:
            raise ConflictError("execution exists") from exc
        return {"execution": execution}

    async def get_execution(self, execution_id: str, user_id: str | None) -> Doc:
        query: Doc = {"_id": execution_id}
        if user_id is not None:
            query["userId"] = user_id
        return {"execution": _out(await self._db.executions.find_one(query), "execution")}

    async def list_executions(self, user_id: str, limit: int = 200) -> Doc:
        cursor = self._db.executions.find({"userId": user_id}).sort("createdAt", DESCENDING).limit(limit)
        return {"executions": [_out(d, "execution") async for d in cursor]}

    async def update_execution(self, execution_id: str, expected_version: int, changes: Doc) -> Doc:
        changes = {**changes, "version": expected_version + 1}
        result = await self._db.executions.update_one(
            {"_id": execution_id, "version": expected_version}, {"$set": changes}
        )
        if result.matched_count == 0:
            raise ConflictError("stale execution version")
        return {"version": expected_version + 1}

    async def active_executions(self) -> Doc:
        cursor = self._db.executions.find({"$or": [{"status": {"$in": ["running", "paused"]}}, {"hasOutbox": True}]})
        return {"executions": [_out(d, "execution") async for d in cursor]}

    async def executions_with_outbox(self) -> Doc:
        cursor = self._db.executions.find({"hasOutbox": True}).limit(1000)
        return {"executions": [_out(d, "execution") async for d in cursor]}

    async def save_input(self, entry: Doc) -> Doc:
        for _ in range(20):
            latest = await self._latest_input(entry["executionId"], entry["nodeId"])
            version = (latest["version"] if latest else 0) + 1
            doc = {**entry, "_id": f"{entry['executionId']}:{entry['nodeId']}:{version}", "version": version}
            try:
                await self._db.user_inputs.insert_one(doc)
                return {"version": version}
            except DuplicateKeyError:
                continue
        raise ConflictError("input is being written concurrently")

    async def _latest_input(self, execution_id: str, node_id: str) -> Doc | None:
        cursor = (
            self._db.user_inputs.find({"executionId": execution_id, "nodeId": node_id})
            .sort("version", DESCENDING)
            .limit(1)
        )
        docs = [d async for d in cursor]
        return docs[0] if docs else None

    async def latest_input(self, execution_id: str, node_id: str) -> Doc:
        doc = await self._latest_input(execution_id, node_id)
        if doc is None:
            raise NotFoundError("no input saved")
        return {"input": {k: doc[k] for k in ("nodeId", "version", "data", "submitted", "createdAt")}}

    # artifacts, transforms, chunks
    async def put_artifacts(self, artifacts: list[Doc]) -> Doc:
        for artifact in artifacts:
            try:
                await self._db.artifacts.insert_one(_with_id(artifact))
            except DuplicateKeyError:
                continue  # idempotent: the same transform wrote it before
        return {"ids": [a["id"] for a in artifacts]}

    async def get_artifact(self, artifact_id: str, user_id: str) -> Doc:
        doc = await self._db.artifacts.find_one({"_id": artifact_id, "userId": user_id})
        return {"artifact": _out(doc, "artifact")}

    async def list_artifacts(
        self, user_id: str, type_: str | None, execution_id: str | None, scope: str | None = None
    ) -> Doc:
        query: Doc = {"userId": user_id}
        if scope is not None:
            query["scope"] = scope
        if type_ is not None:
            query["type"] = type_
        if execution_id is not None:
            query["executionId"] = execution_id
        cursor = self._db.artifacts.find(query).sort("createdAt", DESCENDING).limit(500)
        return {"artifacts": [_out(d, "artifact") async for d in cursor]}

    async def put_transform(self, transform: Doc) -> Doc:
        doc = _with_id(transform)
        await self._db.transforms.update_one({"_id": doc["_id"]}, {"$set": doc}, upsert=True)
        return {}

    async def list_transforms(self, user_id: str, execution_id: str) -> Doc:
        cursor = self._db.transforms.find({"executionId": execution_id, "userId": user_id}).sort("createdAt", 1)
        return {"transforms": [_out(d, "transform") async for d in cursor]}

    async def get_transform(self, transform_id: str, user_id: str) -> Doc:
        doc = await self._db.transforms.find_one({"_id": transform_id, "userId": user_id})
        return {"transform": _out(doc, "transform")}

    async def put_chunks(self, transform_id: str, chunks: list[Doc]) -> Doc:
        """Chunks are kept in pages of `CHUNK_PAGE` (one document per page, not per chunk: storing a token costs
        microseconds, not a write), each page as parallel arrays of indexes and deltas. A repeated request merges
        into the stored pages; a chunk stored first wins."""
        pages: dict[int, dict[int, str]] = defaultdict(dict)
        for chunk in chunks:
            pages[chunk["index"] // CHUNK_PAGE][chunk["index"]] = chunk["delta"]
        docs = [_page(transform_id, page, found) for page, found in pages.items()]
        if not docs:
            return {}
        try:
            await self._db.chunk_pages.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            if exc.details.get("writeConcernErrors") or any(e.get("code") != DUPLICATE_KEY for e in errors):
                raise
            for error in errors:
                stored = docs[error["index"]]
                await self._merge_page(stored["_id"], pages[stored["page"]])
        return {}

    async def _merge_page(self, page_id: str, found: dict[int, str]) -> None:
        stored = await self._db.chunk_pages.find_one({"_id": page_id})
        if stored is not None:
            found.update(zip(stored["indexes"], stored["deltas"], strict=True))
        await self._db.chunk_pages.update_one({"_id": page_id}, {"$set": _arrays(found)})

    async def get_chunks(self, transform_id: str, user_id: str) -> Doc:
        await self.get_transform(transform_id, user_id)
        cursor = self._db.chunk_pages.find({"transformId": transform_id}).sort("page", 1)
        chunks = [
            {"index": i, "delta": d}
            async for page in cursor
            for i, d in zip(page["indexes"], page["deltas"], strict=True)
        ]
        if not chunks:  # stored one document per chunk by an earlier version
            legacy = self._db.chunks.find({"transformId": transform_id}).sort("index", 1)
            chunks = [{"index": d["index"], "delta": d["delta"]} async for d in legacy]
        return {"chunks": chunks}

    async def lineage(self, artifact_id: str, user_id: str) -> Doc:
        await self.get_artifact(artifact_id, user_id)
        transforms: dict[str, Doc] = {}
        ancestors = await self._walk(artifact_id, user_id, transforms, upstream=True)
        descendants = await self._walk(artifact_id, user_id, transforms, upstream=False)
        return {"ancestors": ancestors, "descendants": descendants, "transforms": list(transforms.values())}

    async def _walk(self, start: str, user_id: str, transforms: dict[str, Doc], upstream: bool) -> list[Doc]:
        seen = {start}
        frontier = [start]
        found: list[Doc] = []
        for _ in range(LINEAGE_DEPTH):
            if not frontier:
                break
            field = "outputIds" if upstream else "inputIds"
            cursor = self._db.transforms.find({field: {"$in": frontier}, "userId": user_id})
            next_ids: list[str] = []
            async for t in cursor:
                transform = _out(t, "transform")
                transforms[transform["id"]] = _summary(transform)
                next_ids += [i for i in transform["inputIds" if upstream else "outputIds"] if i not in seen]
            seen.update(next_ids)
            if next_ids:
                cursor = self._db.artifacts.find({"_id": {"$in": next_ids}, "userId": user_id})
                found += [_out(a, "artifact") async for a in cursor]
            frontier = next_ids
        return found


def _summary(transform: Doc) -> Doc:
    keys = ("id", "type", "status", "nodeId", "executionId", "inputs", "outputs", "attempt", "createdAt")
    return {k: transform.get(k) for k in keys}


def _page(transform_id: str, page: int, found: dict[int, str]) -> Doc:
    return {"_id": f"{transform_id}:{page:05d}", "transformId": transform_id, "page": page, **_arrays(found)}


def _arrays(found: dict[int, str]) -> Doc:
    """A page's chunks as parallel arrays, in index order."""
    ordered = sorted(found.items())
    return {"indexes": [i for i, _ in ordered], "deltas": [d for _, d in ordered]}
