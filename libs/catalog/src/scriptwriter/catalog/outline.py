"""The `outline` workflow: configure_outline → generate_outline → edit_outline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from scriptwriter.contracts.ids import Identifier
from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.contracts.outline import Outline
from scriptwriter.workflow import NodeSpec, NodeType, UiSpec, WorkflowBuilder

from .programs import HumanNode, LlmNode, NewArtifact, NodeContext, SourceSpec, Submission, WorkflowProgram
from .prompts import OUTLINE


class OutlineInputs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sourceArtifactId: Identifier


class OutlineSettings(BaseModel):
    """What the writer sets before the outline is written (node `configure_outline`)."""

    model_config = ConfigDict(extra="forbid")

    totalEpisodes: int = Field(default=60, ge=1, le=200)
    episodeDuration: int = Field(default=2, ge=1, le=60)
    requirements: str = Field(default="", max_length=2000)
    source: dict[str, Any] | None = Field(default=None, description="the chosen idea, shown for reference; ignored")


DEFINITION = (
    WorkflowBuilder("outline", "剧集大纲", "从选定的创意生成人物、卖点、爽点和五个阶段的剧情大纲")
    .add_node(
        NodeSpec(
            "configure_outline",
            NodeType.HUMAN,
            description="设置集数、时长和要求",
            input_schema=OutlineSettings,
            ui=UiSpec(component="outline_settings", editable=True),
        )
    )
    .add_node(
        NodeSpec(
            "generate_outline",
            NodeType.LLM,
            description="生成大纲",
            template_id="outline",
            output_schema=Outline,
            ui=UiSpec(component="outline_view"),
        )
    )
    .add_node(
        NodeSpec(
            "edit_outline",
            NodeType.HUMAN,
            description="修改大纲",
            input_schema=Outline,
            ui=UiSpec(component="outline_editor", editable=True),
        )
    )
    .connect("configure_outline", "generate_outline")
    .connect("generate_outline", "edit_outline")
    .build()
)


def _idea(ctx: NodeContext) -> Mapping[str, Any]:
    data: Mapping[str, Any] = ctx.sources["idea"]["data"]
    return data


def _settings_initial(ctx: NodeContext) -> dict[str, Any]:
    idea = _idea(ctx)
    source = {"title": idea.get("title", ""), "body": idea.get("body", ""), "genre": idea.get("genre", "")}
    return {**OutlineSettings().model_dump(exclude={"source"}), "source": source}


def _submit_settings(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, OutlineSettings)
    settings = data.model_dump(exclude={"source"})
    source_id = ctx.sources["idea"]["id"]
    return Submission(
        outputs={"settings": settings, "artifactId": {"$artifact": 0}},
        artifacts=(NewArtifact("outline_params", {"sourceArtifactId": source_id, **settings}),),
        transform_inputs=((source_id, "source"),),
        action="configure_outline",
    )


def _messages(ctx: NodeContext) -> list[ChatMessage]:
    idea, settings = _idea(ctx), ctx.outputs["configure_outline"]["settings"]
    return OUTLINE.render(
        {
            "title": idea.get("title", ""),
            "body": idea.get("body", ""),
            "genre": idea.get("genre") or "未指定",
            "total_episodes": settings["totalEpisodes"],
            "episode_duration": settings["episodeDuration"],
            "requirements": settings["requirements"].strip() or "无",
        }
    )


def _outline(ctx: NodeContext, output: Mapping[str, Any]) -> Outline:
    settings = ctx.outputs["configure_outline"]["settings"]
    return Outline.model_validate(
        {**output, "totalEpisodes": settings["totalEpisodes"], "episodeDuration": settings["episodeDuration"]}
    )


def _outline_artifacts(ctx: NodeContext, output: Mapping[str, Any]) -> list[NewArtifact]:
    return [NewArtifact("outline", _outline(ctx, output).model_dump(mode="json"))]


def _outline_outputs(ctx: NodeContext, output: Mapping[str, Any], ids: list[str]) -> dict[str, Any]:
    return {"outline": _outline(ctx, output).model_dump(mode="json"), "artifactId": ids[0]}


def _submit_edit(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, Outline)
    generated = ctx.outputs["generate_outline"]
    original = Outline.model_validate(generated["outline"])
    edited = data.model_copy(
        update={"totalEpisodes": original.totalEpisodes, "episodeDuration": original.episodeDuration}
    )
    before, after = original.model_dump(mode="json"), edited.model_dump(mode="json")
    changed = sorted(k for k in after if after[k] != before.get(k))
    if not changed:
        return Submission(outputs={"resultArtifactId": generated["artifactId"]})
    return Submission(
        outputs={"resultArtifactId": {"$artifact": 0}, "outline": after},
        artifacts=(NewArtifact("outline", after),),
        transform_inputs=((generated["artifactId"], "original"),),
        action="edit_outline",
        modifications={"fields": changed},
    )


PROGRAM = WorkflowProgram(
    definition=DEFINITION,
    inputs_schema=OutlineInputs,
    human={
        "configure_outline": HumanNode(
            schema=OutlineSettings,
            component="outline_settings",
            initial_data=_settings_initial,
            submit=_submit_settings,
        ),
        "edit_outline": HumanNode(
            schema=Outline,
            component="outline_editor",
            initial_data=lambda ctx: dict(ctx.outputs["generate_outline"]["outline"]),
            submit=_submit_edit,
            debounce_ms=1000,
        ),
    },
    llm={
        "generate_outline": LlmNode(
            template_id="outline",
            messages=_messages,
            inputs=lambda ctx: [
                (ctx.outputs["configure_outline"]["artifactId"], "settings"),
                (ctx.sources["idea"]["id"], "source"),
            ],
            artifacts=_outline_artifacts,
            outputs=_outline_outputs,
        )
    },
    sources=lambda inputs: {
        "idea": SourceSpec(
            str(inputs["sourceArtifactId"]), ("brainstorm_idea", "user_input"), ("inputs", "sourceArtifactId")
        )
    },
    result=lambda ctx: {"artifactId": ctx.outputs["edit_outline"]["resultArtifactId"]},
)
