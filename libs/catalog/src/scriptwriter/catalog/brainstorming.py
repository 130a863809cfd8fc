"""The `brainstorming` workflow: collect_requirements → generate_ideas → select_idea."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from scriptwriter.contracts.domain import BrainstormParams, SelectIdeaInput
from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.contracts.model_outputs import BrainstormOutput
from scriptwriter.workflow import NodeSpec, NodeType, UiSpec, WorkflowBuilder

from .programs import HumanNode, LlmNode, NewArtifact, NodeContext, Submission, WorkflowProgram
from .prompts import BRAINSTORMING


class BrainstormInputs(BaseModel):
    """Optional initial inputs: when given, they are the submitted requirements and ideas start at once."""

    model_config = ConfigDict(extra="forbid")

    platform: str | None = None
    genrePaths: list[list[str]] | None = None
    genreProportions: list[float] | None = None
    requirements: str | None = None
    numberOfIdeas: int | None = None


DEFINITION = (
    WorkflowBuilder("brainstorming", "头脑风暴", "根据平台、题材和要求生成短剧故事创意，并挑选一个")
    .add_node(
        NodeSpec(
            "collect_requirements",
            NodeType.HUMAN,
            description="填写平台、题材和特殊要求",
            input_schema=BrainstormParams,
            ui=UiSpec(component="brainstorm_form", editable=True),
        )
    )
    .add_node(
        NodeSpec(
            "generate_ideas",
            NodeType.LLM,
            description="生成故事创意",
            template_id="brainstorming",
            output_schema=BrainstormOutput,
            ui=UiSpec(component="idea_grid"),
        )
    )
    .add_node(
        NodeSpec(
            "select_idea",
            NodeType.HUMAN,
            description="挑选并修改一个创意",
            input_schema=SelectIdeaInput,
            ui=UiSpec(component="idea_selector", editable=True),
        )
    )
    .connect("collect_requirements", "generate_ideas")
    .connect("generate_ideas", "select_idea")
    .build()
)

_DEFAULT_REQUIREMENTS: dict[str, Any] = {
    "platform": "抖音",
    "genrePaths": [],
    "genreProportions": None,
    "requirements": "",
    "numberOfIdeas": 3,
}


def _params(ctx: NodeContext) -> BrainstormParams:
    return BrainstormParams.model_validate(ctx.outputs["collect_requirements"]["params"])


def _submit_requirements(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, BrainstormParams)
    return Submission(
        outputs={"params": data.model_dump(mode="json"), "artifactId": {"$artifact": 0}},
        artifacts=(NewArtifact("brainstorm_params", data.model_dump(mode="json")),),
        action="provide_requirements",
    )


def _ideas_messages(ctx: NodeContext) -> list[ChatMessage]:
    params = _params(ctx)
    return BRAINSTORMING.render(
        {
            "platform": params.platform,
            "count": params.numberOfIdeas,
            "genre": params.genre_label(),
            "requirements": params.requirements.strip() or "无",
        }
    )


def _idea_artifacts(ctx: NodeContext, output: Mapping[str, Any]) -> list[NewArtifact]:
    params = _params(ctx)
    ideas = BrainstormOutput.model_validate(output).ideas[: params.numberOfIdeas]
    return [
        NewArtifact(
            "brainstorm_idea",
            {"title": idea.title, "body": idea.body, "genre": params.genre_label(), "orderIndex": i},
        )
        for i, idea in enumerate(ideas)
    ]


def _idea_outputs(ctx: NodeContext, output: Mapping[str, Any], artifact_ids: list[str]) -> dict[str, Any]:
    artifacts = _idea_artifacts(ctx, output)
    return {"ideas": [{"artifactId": aid, **a.data} for aid, a in zip(artifact_ids, artifacts, strict=True)]}


def _select_initial(ctx: NodeContext) -> dict[str, Any]:
    return {"ideas": list(ctx.outputs["generate_ideas"]["ideas"]), "selectedIdeaId": None}


class UnknownIdeaError(ValueError):
    """The submitted `selectedIdeaId` is not one of this execution's ideas."""


def _submit_selection(ctx: NodeContext, data: BaseModel) -> Submission:
    assert isinstance(data, SelectIdeaInput)
    ideas = {i["artifactId"]: i for i in ctx.outputs["generate_ideas"]["ideas"]}
    chosen = ideas.get(data.selectedIdeaId)
    if chosen is None:
        raise UnknownIdeaError("selectedIdeaId is not one of the generated ideas")
    modifications = {
        key: value
        for key, value in (("title", data.title), ("body", data.body))
        if value is not None and value != chosen[key]
    }
    if not modifications:
        return Submission(outputs={"resultArtifactId": chosen["artifactId"], "selectedIdeaId": chosen["artifactId"]})
    return Submission(
        outputs={"resultArtifactId": {"$artifact": 0}, "selectedIdeaId": chosen["artifactId"]},
        artifacts=(
            NewArtifact("user_input", {"originalArtifactId": chosen["artifactId"], "modifications": modifications}),
        ),
        transform_inputs=((chosen["artifactId"], "original"),),
        action="edit_idea",
        modifications=modifications,
    )


def _prefilled(inputs: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    given = {k: v for k, v in inputs.items() if v is not None}
    return {"collect_requirements": {**_DEFAULT_REQUIREMENTS, **given}} if given else {}


def _result(ctx: NodeContext) -> dict[str, Any]:
    return {"artifactId": ctx.outputs["select_idea"]["resultArtifactId"]}


PROGRAM = WorkflowProgram(
    definition=DEFINITION,
    inputs_schema=BrainstormInputs,
    human={
        "collect_requirements": HumanNode(
            schema=BrainstormParams,
            component="brainstorm_form",
            initial_data=lambda _ctx: dict(_DEFAULT_REQUIREMENTS),
            submit=_submit_requirements,
        ),
        "select_idea": HumanNode(
            schema=SelectIdeaInput,
            component="idea_selector",
            initial_data=_select_initial,
            submit=_submit_selection,
        ),
    },
    llm={
        "generate_ideas": LlmNode(
            template_id="brainstorming",
            messages=_ideas_messages,
            inputs=lambda ctx: [(ctx.outputs["collect_requirements"]["artifactId"], "requirements")],
            artifacts=_idea_artifacts,
            outputs=_idea_outputs,
        )
    },
    result=_result,
    prefilled=_prefilled,
)
