"""The orchestrator killed (`kill -9`) during an LLM node, while waiting for input, and between nodes: every
execution still completes, no node runs twice (counted at the model and in the store), no artifact is duplicated."""

from __future__ import annotations

import signal
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.sse import SseEvent, open_events
from tests.support.system import RunningSystem, start_system

from .conftest import register
from .journey import start, submit, wait_for_input, wait_until_finished

pytestmark = pytest.mark.e2e

INPUTS = {"genrePaths": [["女频", "其他类型", "复仇"]], "numberOfIdeas": 3}


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    running = start_system(Path(tmp_path_factory.mktemp("durable")), chunk_delay_ms=15)
    yield running
    running.stop()


def brainstorm_requests(system: RunningSystem) -> int:
    return int(httpx.get(f"{system.model_url}/_demo/stats").json()["requests"].get("brainstorming", 0))


def wait_until(condition: object, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise TimeoutError("condition not met")


def full_log(client: httpx.Client, execution_id: str) -> list[SseEvent]:
    with open_events(client, f"/api/workflow/execution/{execution_id}/events", {"Last-Event-ID": "0"}) as stream:
        return stream.until(lambda e: e.event == "workflow_completed")


def assert_ran_once(client: httpx.Client, execution_id: str, requests_used: int) -> None:
    log = full_log(client, execution_id)
    starts = Counter(e.data["nodeId"] for e in log if e.event == "workflow_node_start")
    completions = Counter(e.data["nodeId"] for e in log if e.event == "workflow_progress")
    assert starts == {"collect_requirements": 1, "generate_ideas": 1, "select_idea": 1} or starts == {
        "generate_ideas": 1,
        "select_idea": 1,
    }
    assert set(completions.values()) == {1}
    assert len([e for e in log if e.event == "workflow_completed"]) == 1
    assert requests_used == 1
    ideas = client.get("/api/artifacts", params={"executionId": execution_id, "type": "brainstorm_idea"}).json()
    assert len(ideas) == 3 and len({i["id"] for i in ideas}) == 3


def restart_orchestrator(system: RunningSystem, env: dict[str, str] | None = None) -> None:
    if "orchestrator" in system.processes:
        system.stop_process("orchestrator", signal.SIGKILL)
    system.specs["orchestrator"].env.pop("ORCHESTRATOR_CRASH_AFTER_SAVE", None)
    system.specs["orchestrator"].env.update(env or {})
    system.start_process("orchestrator")


def finish(client: httpx.Client, execution_id: str) -> None:
    pending, _ = wait_for_input(client, execution_id, "select_idea")
    submit(client, execution_id, "select_idea", {"selectedIdeaId": pending["initialData"]["ideas"][0]["artifactId"]})
    assert wait_until_finished(client, execution_id).event in ("workflow_completed", "execution_state")


def test_killed_during_an_llm_node(system: RunningSystem) -> None:
    writer = register(system, f"kill_llm_{uuid.uuid4().hex[:6]}")
    before = brainstorm_requests(system)
    execution_id = start(writer, "brainstorming", INPUTS)
    with open_events(writer, f"/api/workflow/execution/{execution_id}/events") as stream:
        first = stream.until(lambda e: e.event == "transform_chunk")[-1]
    system.stop_process("orchestrator", signal.SIGKILL)
    transform = f"/api/transforms/{first.data['transformId']}"
    wait_until(lambda: writer.get(transform).json()["status"] == "completed")
    restart_orchestrator(system)
    finish(writer, execution_id)
    assert_ran_once(writer, execution_id, brainstorm_requests(system) - before)


def test_killed_while_waiting_for_input(system: RunningSystem) -> None:
    writer = register(system, f"kill_wait_{uuid.uuid4().hex[:6]}")
    before = brainstorm_requests(system)
    execution_id = start(writer, "brainstorming", INPUTS)
    wait_for_input(writer, execution_id, "select_idea")
    restart_orchestrator(system)
    finish(writer, execution_id)
    assert_ran_once(writer, execution_id, brainstorm_requests(system) - before)


def test_killed_between_saving_a_step_and_announcing_it(system: RunningSystem, tmp_path: Path) -> None:
    marker = tmp_path / "crashed"
    restart_orchestrator(system, {"ORCHESTRATOR_CRASH_AFTER_SAVE": f"generate_ideas:{marker}"})
    writer = register(system, f"kill_between_{uuid.uuid4().hex[:6]}")
    before = brainstorm_requests(system)
    execution_id = start(writer, "brainstorming", INPUTS)
    wait_until(lambda: system.processes["orchestrator"].poll() is not None)
    assert marker.exists()
    snapshot = writer.get(f"/api/workflow/execution/{execution_id}").json()
    assert snapshot["nodeStates"]["generate_ideas"]["status"] == "streaming", "the completion was not announced"
    system.processes.pop("orchestrator")
    restart_orchestrator(system)
    finish(writer, execution_id)
    assert_ran_once(writer, execution_id, brainstorm_requests(system) - before)
