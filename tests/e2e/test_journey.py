"""The writer's whole journey through the API: brainstorm → outline → episode 1 → episode 2."""

from __future__ import annotations

import uuid

import httpx
import pytest

from scriptwriter.contracts.outline import CHARACTER_TYPES
from tests.support.sse import open_events
from tests.support.system import RunningSystem

from .conftest import register
from .journey import result_of, start, submit, wait_for_input, wait_until_finished

pytestmark = pytest.mark.e2e


def model_requests(system: RunningSystem) -> dict[str, int]:
    return dict(httpx.get(f"{system.model_url}/_demo/stats").json()["requests"])


def test_brainstorm_outline_and_two_episodes(system: RunningSystem) -> None:
    writer = register(system, f"journey_{uuid.uuid4().hex[:6]}")
    before = model_requests(system)

    brainstorm = start(writer, "brainstorming", {"genrePaths": [["女频", "爱情类", "先婚后爱", "替嫁"]]})
    pending, _ = wait_for_input(writer, brainstorm, "select_idea")
    idea = pending["initialData"]["ideas"][0]
    submit(writer, brainstorm, "select_idea", {"selectedIdeaId": idea["artifactId"], "title": "替嫁娇妻"})
    chosen = result_of(wait_until_finished(writer, brainstorm))

    stranger = register(system, f"stranger_{uuid.uuid4().hex[:6]}")
    refused = stranger.post(
        "/api/workflow/execution", json={"workflowId": "outline", "inputs": {"sourceArtifactId": chosen}}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["path"] == ["inputs", "sourceArtifactId"]

    outline_run = start(writer, "outline", {"sourceArtifactId": chosen})
    settings, _ = wait_for_input(writer, outline_run, "configure_outline")
    assert settings["initialData"]["source"]["title"] == "替嫁娇妻"
    assert settings["initialData"]["totalEpisodes"] == 60
    submit(
        writer,
        outline_run,
        "configure_outline",
        {"totalEpisodes": 10, "episodeDuration": 2, "requirements": "女主要强"},
    )
    editable, events = wait_for_input(writer, outline_run, "edit_outline")
    outline = editable["initialData"]
    assert {c["type"] for c in outline["characters"]} <= set(CHARACTER_TYPES)
    assert len(outline["synopsis_stages"]) == 5 and outline["totalEpisodes"] == 10
    submit(writer, outline_run, "edit_outline", {**outline, "title": "我改过的剧名"})
    outline_id = result_of(wait_until_finished(writer, outline_run))
    edited = writer.get(f"/api/artifacts/{outline_id}").json()
    assert edited["type"] == "outline" and edited["data"]["title"] == "我改过的剧名"
    lineage = writer.get(f"/api/artifacts/{outline_id}/lineage").json()
    assert {a["type"] for a in lineage["ancestors"]} >= {"outline", "outline_params", "user_input", "brainstorm_idea"}

    first = start(writer, "episode", {"outlineArtifactId": outline_id, "episodeNumber": 1})
    context, events = wait_for_input(writer, first, "edit_context")
    skipped = [e for e in events if e.event == "workflow_progress" and e.data["nodeId"] == "summarize_previous"]
    state = next(e for e in events if e.event == "execution_state")
    assert (skipped and skipped[0].data["status"] == "skipped") or (
        state.data["nodeStates"]["summarize_previous"]["status"] == "skipped"
    )
    assert context["initialData"]["episodeNumber"] == 1 and context["initialData"]["previousSummary"] == ""
    submit(
        writer,
        first,
        "edit_context",
        {"characters": context["initialData"]["characters"], "episodeSpecificRequirements": "开场就要打脸"},
    )
    script, _ = wait_for_input(writer, first, "edit_episode")
    assert "1-1 " in script["initialData"]["content"]
    submit(writer, first, "edit_episode", script["initialData"])
    episode_one = writer.get(f"/api/artifacts/{result_of(wait_until_finished(writer, first))}").json()
    assert episode_one["type"] == "episode" and episode_one["data"]["episodeNumber"] == 1
    assert episode_one["data"]["wordCount"] > 100

    second = start(writer, "episode", {"outlineArtifactId": outline_id, "episodeNumber": 2})
    context, _ = wait_for_input(writer, second, "edit_context")
    assert context["initialData"]["episodeNumber"] == 2 and context["initialData"]["previousSummary"]
    submit(writer, second, "edit_context", {"characters": context["initialData"]["characters"]})
    script, _ = wait_for_input(writer, second, "edit_episode")
    submit(writer, second, "edit_episode", {"title": "第二集改名", "content": script["initialData"]["content"]})
    episode_two = writer.get(f"/api/artifacts/{result_of(wait_until_finished(writer, second))}").json()
    assert episode_two["data"]["episodeNumber"] == 2 and episode_two["data"]["title"] == "第二集改名"

    snapshot = writer.get(f"/api/workflow/execution/{second}").json()
    summary_transform = writer.get(
        f"/api/transforms/{snapshot['nodeStates']['summarize_previous']['transformId']}"
    ).json()
    assert episode_one["data"]["title"] in summary_transform["prompt"][-1]["content"]
    after = model_requests(system)
    used = {k: after.get(k, 0) - before.get(k, 0) for k in ("brainstorming", "outline", "episode_summary", "episode")}
    assert used == {"brainstorming": 1, "outline": 1, "episode_summary": 1, "episode": 2}


def test_rerun_regenerates_downstream_and_keeps_drafts(system: RunningSystem) -> None:
    writer = register(system, f"rerun_{uuid.uuid4().hex[:6]}")
    before = model_requests(system)
    brainstorm = start(writer, "brainstorming", {"genrePaths": [["男频", "其他类型", "神医"]], "numberOfIdeas": 2})
    pending, _ = wait_for_input(writer, brainstorm, "select_idea")
    first_ideas = pending["initialData"]["ideas"]
    submit(writer, brainstorm, "select_idea", {"selectedIdeaId": first_ideas[0]["artifactId"]})
    wait_until_finished(writer, brainstorm)
    rerun = writer.post(f"/api/workflow/execution/{brainstorm}/nodes/generate_ideas/rerun")
    assert rerun.status_code == 202
    pending, _ = wait_for_input(writer, brainstorm, "select_idea")
    assert pending["draft"]["selectedIdeaId"] == first_ideas[0]["artifactId"], "the earlier choice is the draft"
    second_ideas = pending["initialData"]["ideas"]
    assert {i["artifactId"] for i in second_ideas}.isdisjoint({i["artifactId"] for i in first_ideas})
    draft = writer.get(f"/api/workflow/execution/{brainstorm}/input/select_idea").json()
    assert draft["submitted"] is False and draft["data"]["selectedIdeaId"] == first_ideas[0]["artifactId"]
    requirements = writer.get(f"/api/workflow/execution/{brainstorm}/input/collect_requirements").json()
    assert requirements["submitted"] is True
    after = model_requests(system)
    assert after.get("brainstorming", 0) - before.get("brainstorming", 0) == 2
    assert writer.post(f"/api/workflow/execution/{brainstorm}/nodes/nope/rerun").status_code == 404
    submit(writer, brainstorm, "select_idea", {"selectedIdeaId": second_ideas[1]["artifactId"]})
    wait_until_finished(writer, brainstorm)
    with open_events(writer, f"/api/workflow/execution/{brainstorm}/events", {"Last-Event-ID": "0"}) as stream:
        log = stream.until(
            lambda e: (
                e.event == "workflow_completed" and e.data["result"]["artifactId"] == second_ideas[1]["artifactId"]
            )
        )
    assert [e.event for e in log].count("workflow_completed") == 2, "finishing again after a rerun is announced"
