"""Runs executions: each change is computed on a copy, saved with optimistic versioning, then announced."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from scriptwriter.catalog import PROGRAMS, WorkflowProgram
from scriptwriter.catalog.brainstorming import UnknownIdeaError
from scriptwriter.contracts.ids import new_id
from scriptwriter.contracts.messages import NodeFinished
from scriptwriter.contracts.status import ExecutionStatus, NodeStatus
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.rpc import ConflictError, InvalidRequestError, NotFoundError
from scriptwriter.servicekit.store_client import StoreClient
from scriptwriter.workflow import NodeType, plan

from .faults import crash_after_save_if_asked
from .finish import cancel, finish
from .nodes import complete_human, dispatch_llm, finish_llm, run_compute, skip_node, wait_for_input
from .outbox import outbox_entries, publish_outbox, publish_outbox_patiently
from .ports import OrchestratorBus
from .rerun import reset_for_rerun
from .sources import load_sources
from .timings import Timings
from .transition import Transition
from .validation import validate

log = logging.getLogger("scriptwriter.orchestrator")

Step = Callable[[Transition], Awaitable[None]]


class Orchestrator:
    def __init__(
        self, store: StoreClient, bus: OrchestratorBus, programs: Mapping[str, WorkflowProgram] = PROGRAMS
    ) -> None:
        self._store = store
        self._bus = bus
        self._programs = programs
        self._locks: dict[str, asyncio.Lock] = {}
        self._background: set[asyncio.Task[None]] = set()
        self.timings = Timings()

    def program(self, workflow_id: str) -> WorkflowProgram:
        program = self._programs.get(workflow_id)
        if program is None:
            raise NotFoundError(f"unknown workflow {workflow_id}")
        return program

    async def start_execution(self, user_id: str, workflow_id: str, inputs: Any) -> dict[str, Any]:
        program = self.program(workflow_id)
        if inputs is not None and not isinstance(inputs, dict):
            raise InvalidRequestError("inputs must be an object", [{"path": ["inputs"], "message": "not an object"}])
        given = inputs or {}
        if program.inputs_schema is not None:
            given = validate(program.inputs_schema, given, ("inputs",)).model_dump(mode="json", exclude_none=True)
        sources = await load_sources(self._store, program, user_id, given)
        prefilled = dict(program.prefilled(given))
        for node_id, data in prefilled.items():
            prefilled[node_id] = validate(program.human[node_id].schema, data, ("inputs",)).model_dump(mode="json")
        now = utc_now()
        execution_id = new_id("ex")
        execution = {
            "id": execution_id,
            "userId": user_id,
            "workflowId": workflow_id,
            "status": ExecutionStatus.RUNNING.value,
            "currentNode": None,
            "progress": 0,
            "inputs": given,
            "prefilled": prefilled,
            "sources": sources,
            "nodes": {},
            "createdAt": now,
            "updatedAt": now,
            "version": 0,
        }
        await self._store.create_execution(execution)
        tx = await self._apply(execution_id, self._advance)
        return {"executionId": execution_id, "status": tx.doc["status"]}

    async def _apply(self, execution_id: str, step: Step, user_id: str | None = None) -> Transition:
        """Load, change, save with the version guard (retrying on conflict), then publish."""
        lock = self._locks.setdefault(execution_id, asyncio.Lock())
        async with lock:
            started = time.perf_counter()
            tx = await self._apply_locked(execution_id, step, user_id)
            self.timings.record(getattr(step, "__name__", "step"), time.perf_counter() - started)
            return tx

    async def _apply_locked(self, execution_id: str, step: Step, user_id: str | None) -> Transition:
        for _ in range(10):
            doc = await self._store.get_execution(execution_id, user_id)
            tx = Transition(self.program(doc["workflowId"]), doc)
            await step(tx)
            if not tx.changed:
                return tx
            entries = outbox_entries(tx)
            changes = {**tx.changes(), "outbox": entries, "hasOutbox": bool(entries)}
            try:
                version = await self._store.update_execution(execution_id, doc["version"], changes)
            except ConflictError:
                continue
            crash_after_save_if_asked(tx)
            if await publish_outbox_patiently(self._bus, tx.doc, entries):
                self._clear_later(execution_id, version)
            return tx
        raise ConflictError("execution is changing too fast; try again")

    async def _advance(self, tx: Transition) -> None:
        definition = tx.program.definition
        while not tx.finished:
            step = plan(definition, tx.statuses, tx.outputs)
            moved = False
            for node_id in step.skip:
                skip_node(tx, node_id)
                moved = True
            if step.finished:
                finish(tx)
                return
            for node_id in step.ready:
                kind = definition.nodes[node_id].type
                prefilled = (tx.doc.get("prefilled") or {}).get(node_id)
                if kind is NodeType.HUMAN and prefilled is not None and tx.node(node_id)["run"] == 0:
                    tx.set_node(node_id, run=1)
                    model = tx.program.human[node_id].schema.model_validate(prefilled)
                    await self._save_input(tx, node_id, prefilled, submitted=True)
                    await complete_human(self._store, tx, node_id, model)
                    moved = True
                elif kind is NodeType.HUMAN:
                    wait_for_input(tx, node_id, await self._draft(tx, node_id))
                elif node_id in tx.program.llm:
                    if tx.program.llm[node_id].skip_when(tx.context()):
                        skip_node(tx, node_id)
                        moved = True
                    else:
                        dispatch_llm(tx, node_id)
                else:
                    run_compute(tx, node_id)
                    moved = True
            if not moved:
                return

    async def _draft(self, tx: Transition, node_id: str) -> dict[str, Any] | None:
        try:
            saved = await self._store.latest_input(tx.execution_id, node_id)
        except NotFoundError:
            return None
        data = saved.get("data")
        return data if not saved.get("submitted") and isinstance(data, dict) else None

    async def _save_input(self, tx: Transition, node_id: str, data: Any, submitted: bool) -> int:
        return await self._store.save_input(
            {
                "executionId": tx.execution_id,
                "nodeId": node_id,
                "userId": tx.user_id,
                "data": data,
                "submitted": submitted,
                "createdAt": utc_now(),
            }
        )

    def _human_node(self, tx: Transition, node_id: str) -> None:
        spec = tx.program.definition.nodes.get(node_id)
        if spec is None or spec.type is not NodeType.HUMAN:
            raise NotFoundError(f"no input node {node_id} in this workflow")

    async def submit_input(self, user_id: str, execution_id: str, node_id: str, data: Any) -> dict[str, Any]:
        async def apply_submission(tx: Transition) -> None:
            self._human_node(tx, node_id)
            if tx.node(node_id)["status"] != NodeStatus.WAITING_INPUT.value:
                raise ConflictError(f"node {node_id} is not waiting for input")
            model = validate(tx.program.human[node_id].schema, data)
            try:
                tx.program.human[node_id].submit(tx.context(), model)
            except UnknownIdeaError as exc:
                raise InvalidRequestError(str(exc), [{"path": ["selectedIdeaId"], "message": str(exc)}]) from exc
            tx.result["version"] = await self._save_input(tx, node_id, model.model_dump(mode="json"), True)
            await complete_human(self._store, tx, node_id, model)
            await self._advance(tx)

        tx = await self._apply(execution_id, apply_submission, user_id)
        return {"status": tx.doc["status"], "version": tx.result.get("version")}

    async def save_draft(self, user_id: str, execution_id: str, node_id: str, data: Any) -> dict[str, Any]:
        doc = await self._store.get_execution(execution_id, user_id)
        tx = Transition(self.program(doc["workflowId"]), doc)
        self._human_node(tx, node_id)
        if not isinstance(data, dict):
            raise InvalidRequestError("draft must be an object", [{"path": [], "message": "not an object"}])
        if NodeStatus(tx.node(node_id)["status"]) in (NodeStatus.COMPLETED, NodeStatus.SKIPPED):
            raise ConflictError(f"node {node_id} is not waiting for input")
        return {"version": await self._save_input(tx, node_id, data, submitted=False)}

    async def get_input(self, user_id: str, execution_id: str, node_id: str) -> dict[str, Any]:
        doc = await self._store.get_execution(execution_id, user_id)
        tx = Transition(self.program(doc["workflowId"]), doc)
        self._human_node(tx, node_id)
        try:
            saved = await self._store.latest_input(execution_id, node_id)
            return {k: saved[k] for k in ("nodeId", "version", "data", "submitted")}
        except NotFoundError:
            pass
        waiting = tx.node(node_id)["status"] == NodeStatus.WAITING_INPUT.value
        data = tx.program.human[node_id].initial_data(tx.context()) if waiting else {}
        return {"nodeId": node_id, "version": 0, "data": data, "submitted": False}

    async def cancel_execution(self, user_id: str, execution_id: str) -> dict[str, Any]:
        async def apply_cancel(tx: Transition) -> None:
            await cancel(self._store, tx)

        tx = await self._apply(execution_id, apply_cancel, user_id)
        return {"status": tx.doc["status"]}

    async def rerun_node(self, user_id: str, execution_id: str, node_id: str) -> dict[str, Any]:
        async def apply_rerun(tx: Transition) -> None:
            await reset_for_rerun(self._store, tx, node_id)
            await self._advance(tx)

        tx = await self._apply(execution_id, apply_rerun, user_id)
        return {"status": tx.doc["status"]}

    async def on_node_finished(self, result: NodeFinished) -> None:
        async def apply_result(tx: Transition) -> None:
            node = tx.node(result.nodeId)
            if tx.finished or node["status"] != NodeStatus.RUNNING.value or node["run"] != result.run:
                return  # a stale or repeated report
            await finish_llm(self._store, tx, result)
            await self._advance(tx)

        await self._apply(result.executionId, apply_result)

    def _clear_later(self, execution_id: str, version: int) -> None:
        task = asyncio.create_task(self._clear_outbox(execution_id, version))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _clear_outbox(self, execution_id: str, version: int) -> None:
        try:
            await self._store.update_execution(execution_id, version, {"outbox": [], "hasOutbox": False})
        except ConflictError:
            pass  # a later transition replaced the outbox already
        except Exception:
            log.warning("could not clear the outbox of %s; it will be published again on restart", execution_id)

    async def sweep_outboxes(self) -> int:
        """Publish outboxes left behind by a publish that gave up (the bus was away too long)."""
        swept = 0
        for doc in await self._store.executions_with_outbox():
            if not doc.get("outbox") or self._locks.get(doc["id"], asyncio.Lock()).locked():
                continue
            async with self._locks.setdefault(doc["id"], asyncio.Lock()):
                fresh = await self._store.get_execution(doc["id"])
                if fresh.get("outbox") and fresh["version"] == doc["version"]:
                    await publish_outbox(self._bus, fresh, fresh["outbox"])
                    await self._clear_outbox(fresh["id"], fresh["version"])
                    swept += 1
        return swept

    async def resume_all(self) -> int:
        """After a restart: publish every saved outbox again (repeats are dropped by message id), then let each
        running execution advance. Nothing that already ran is dispatched again."""
        executions = await self._store.active_executions()
        for doc in executions:
            try:
                async with self._locks.setdefault(doc["id"], asyncio.Lock()):
                    if doc.get("outbox"):
                        await publish_outbox(self._bus, doc, doc["outbox"])
                        await self._clear_outbox(doc["id"], doc["version"])
                if doc["status"] in (ExecutionStatus.RUNNING.value, ExecutionStatus.PAUSED.value):
                    await self._apply(doc["id"], self._advance)
            except Exception:
                log.exception("could not resume execution %s", doc["id"])
        return len(executions)
