"""The `episode` workflow: summarize_previous (lazy) → prepare_context → edit_context → generate_episode →
edit_episode."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from scriptwriter.contracts.ids import Identifier
from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.contracts.model_outputs import EpisodeOutput, EpisodeSummaryOutput
from scriptwriter.contracts.outline import Character, Outline
from scriptwriter.contracts.text import word_count
from scriptwriter.workflow import ExecutionSpec, NodeSpec, NodeType, UiSpec, WorkflowBuilder

from .programs import (
    ComputeNode,
    HistorySpec,
    HumanNode,
    LlmNode,
    NewArtifact,
    NodeContext,
    SourceSpec,
    Submission,
    WorkflowProgram,
)
from .prompts import EPISODE, EPISODE_SUMMARY

SCRIPT_EXCERPT_CHARS = 1500
FULL_SCRIPTS = 3


class EpisodeInputs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outlineArtifactId: Identifier
    episodeNumber: int = Field(ge=1, le=200)


class EpisodeContextInput(BaseModel):
    """What the writer adjusts before the episode is written (node `edit_context`); other keys are shown only."""

    model_config = ConfigDict(extra="ignore")

    characters: list[Character] = Field(min_length=1)
    episodeSpecificRequirements: str = Field(default="", max_length=4000)


class EpisodeEdit(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=1, max_length=60)
    content: str = Field(min_length=1, max_length=100_000)


DEFINITION = (
    WorkflowBuilder("episode", "分集剧本", "根据大纲和前情写出一集剧本")
    .add_node(
        NodeSpec(
            "summarize_previous",
            NodeType.COMPUTE,
            description="梳理前情",
            template_id="episode_summary",
            output_schema=EpisodeSummaryOutput,
            ui=UiSpec(component="processing", hidden=True),
            execution=ExecutionSpec(lazy=True),
        )
    )
    .add_node(NodeSpec("prepare_context", NodeType.COMPUTE, description="准备本集上下文", ui=UiSpec(hidden=True)))
    .add_node(
        NodeSpec(
            "edit_context",
            NodeType.HUMAN,
            description="调整人物和本集要求",
            input_schema=EpisodeContextInput,
            ui=UiSpec(component="episode_context", editable=True),
        )
    )
    .add_node(
        NodeSpec(
            "generate_episode",
            NodeType.LLM,
            description="生成剧本",
            template_id="episode",
            output_schema=EpisodeOutput,
            ui=UiSpec(component="script_view"),
        )
    )
    .add_node(
        NodeSpec(
            "edit_episode",
            NodeType.HUMAN,
            description="修改剧本",
            input_schema=EpisodeEdit,
            ui=UiSpec(component="script_editor", editable=True),
        )
    )
    .connect("summarize_previous", "prepare_context")
    .connect("prepare_context", "edit_context")
    .connect("edit_context", "generate_episode")
    .connect("generate_episode", "edit_episode")
    .build()
)


def _outline(ctx: NodeContext) -> Outline:
    return Outline.model_validate(ctx.sources["outline"]["data"])


def _number(ctx: NodeContext) -> int:
    return int(ctx.inputs["episodeNumber"])


def _history(ctx: NodeContext) -> list[Mapping[str, Any]]:
    history: list[Mapping[str, Any]] = ctx.sources.get("history") or []
    return history


def _summary_messages(ctx: NodeContext) -> list[ChatMessage]:
    history = _history(ctx)
    parts = []
    for index, episode in enumerate(history):
        data = episode["data"]
        full = index >= len(history) - FULL_SCRIPTS
        body = data["content"][:SCRIPT_EXCERPT_CHARS] if full else ""
        parts.append(f"第 {data['episodeNumber']} 集《{data['title']}》\n{body}".strip())
    return EPISODE_SUMMARY.render(
        {"series_title": _outline(ctx).title, "episode": _number(ctx), "previous": "\n\n".join(parts)}
    )


def stage_for(outline: Outline, episode: int) -> str:
    """Which of the synopsis stages an episode falls in, by its position in the series."""
    total = outline.totalEpisodes or max(episode, 1)
    stages = outline.synopsis_stages
    index = min(len(stages) - 1, (min(episode, total) - 1) * len(stages) // total)
    return stages[index]


def _prepare(ctx: NodeContext) -> dict[str, Any]:
    outline = _outline(ctx)
    summary = ctx.outputs.get("summarize_previous") or {}
    return {
        "context": {
            "episodeNumber": _number(ctx),
            "totalEpisodes": outline.totalEpisodes,
            "episodeDuration": outline.episodeDuration,
            "seriesTitle": outline.title,
            "genre": outline.genre,
            "stage": stage_for(outline, _number(ctx)),
            "characters": [c.model_dump(mode="json") for c in outline.characters],
            "previousSummary": (summary.get("summary") or {}).get("summary", ""),
            "previousCliffhanger": (summary.get("summary") or {}).get("cliffhanger", ""),
        },
        "summaryArtifactId": summary.get("artifactId"),
    }


def _context_initial(ctx: NodeContext) -> dict[str, Any]:
    context = ctx.outputs["prepare_context"]["context"]
    return {**context, "episodeSpecificRequirements": ""}


def _submit_context(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, EpisodeContextInput)
    prepared = ctx.outputs["prepare_context"]
    context = {**prepared["context"], **data.model_dump(mode="json")}
    inputs = [(ctx.sources["outline"]["id"], "outline")]
    if prepared.get("summaryArtifactId"):
        inputs.append((prepared["summaryArtifactId"], "previous_summary"))
    return Submission(
        outputs={"context": context, "artifactId": {"$artifact": 0}},
        artifacts=(NewArtifact("episode_context", context),),
        transform_inputs=tuple(inputs),
        action="edit_context",
    )


def _characters_text(characters: list[Mapping[str, Any]]) -> str:
    lines = []
    for c in characters:
        traits = "、".join(c.get("personality_traits") or [])
        lines.append(f"- {c['name']}（{c.get('type', 'other')}）：{c.get('description', '')} 性格：{traits or '未写'}")
    return "\n".join(lines)


def _episode_messages(ctx: NodeContext) -> list[ChatMessage]:
    context = ctx.outputs["edit_context"]["context"]
    return EPISODE.render(
        {
            "series_title": context["seriesTitle"],
            "episode": context["episodeNumber"],
            "total_episodes": context.get("totalEpisodes") or "若干",
            "episode_duration": context.get("episodeDuration") or 2,
            "genre": context.get("genre") or "未指定",
            "stage": context["stage"],
            "characters": _characters_text(context["characters"]),
            "previous_summary": context.get("previousSummary") or "无（这是第一集）",
            "requirements": context.get("episodeSpecificRequirements", "").strip() or "无",
        }
    )


def _episode_data(ctx: NodeContext, title: str, content: str) -> dict[str, Any]:
    return {"episodeNumber": _number(ctx), "title": title, "content": content, "wordCount": word_count(content)}


def _episode_artifacts(ctx: NodeContext, output: Mapping[str, Any]) -> list[NewArtifact]:
    episode = EpisodeOutput.model_validate(output)
    return [NewArtifact("episode", _episode_data(ctx, episode.title, episode.content))]


def _submit_episode(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, EpisodeEdit)
    generated = ctx.outputs["generate_episode"]
    original = generated["episode"]
    changes = {k: v for k, v in (("title", data.title), ("content", data.content)) if v != original[k]}
    if not changes:
        return Submission(outputs={"resultArtifactId": generated["artifactId"]})
    edited = _episode_data(ctx, data.title, data.content)
    return Submission(
        outputs={"resultArtifactId": {"$artifact": 0}, "episode": edited},
        artifacts=(NewArtifact("episode", edited),),
        transform_inputs=((generated["artifactId"], "original"),),
        action="edit_episode",
        modifications={"fields": sorted(changes)},
    )


PROGRAM = WorkflowProgram(
    definition=DEFINITION,
    inputs_schema=EpisodeInputs,
    human={
        "edit_context": HumanNode(
            schema=EpisodeContextInput,
            component="episode_context",
            initial_data=_context_initial,
            submit=_submit_context,
        ),
        "edit_episode": HumanNode(
            schema=EpisodeEdit,
            component="script_editor",
            initial_data=lambda ctx: {k: ctx.outputs["generate_episode"]["episode"][k] for k in ("title", "content")},
            submit=_submit_episode,
            debounce_ms=1000,
        ),
    },
    llm={
        "summarize_previous": LlmNode(
            template_id="episode_summary",
            messages=_summary_messages,
            inputs=lambda ctx: [(e["id"], "previous_episode") for e in _history(ctx)],
            artifacts=lambda ctx, output: [
                NewArtifact("episode_summary", EpisodeSummaryOutput.model_validate(output).model_dump(mode="json"))
            ],
            outputs=lambda ctx, output, ids: {"summary": dict(output), "artifactId": ids[0]},
            skip_when=lambda ctx: not _history(ctx),
        ),
        "generate_episode": LlmNode(
            template_id="episode",
            messages=_episode_messages,
            inputs=lambda ctx: [(ctx.outputs["edit_context"]["artifactId"], "context")],
            artifacts=_episode_artifacts,
            outputs=lambda ctx, output, ids: {"episode": _episode_artifacts(ctx, output)[0].data, "artifactId": ids[0]},
        ),
    },
    compute={"prepare_context": ComputeNode(run=_prepare)},
    sources=lambda inputs: {
        "outline": SourceSpec(str(inputs["outlineArtifactId"]), ("outline",), ("inputs", "outlineArtifactId"))
    },
    history=lambda inputs: HistorySpec(
        type="episode",
        scope=str(inputs["outlineArtifactId"]),
        order_key="episodeNumber",
        before=int(inputs["episodeNumber"]),
    ),
    scope=lambda inputs: str(inputs["outlineArtifactId"]),
    result=lambda ctx: {"artifactId": ctx.outputs["edit_episode"]["resultArtifactId"]},
)
