from __future__ import annotations

import pytest
from pydantic import BaseModel

from scriptwriter.contracts.status import NodeStatus
from scriptwriter.workflow import ExecutionSpec, NodeSpec, NodeType, WorkflowBuilder, WorkflowDefinitionError, plan


class Schema(BaseModel):
    value: str = ""


def node(node_id: str, kind: NodeType = NodeType.COMPUTE, lazy: bool = False) -> NodeSpec:
    return NodeSpec(
        node_id,
        kind,
        template_id="t" if kind is NodeType.LLM else None,
        output_schema=Schema if kind is NodeType.LLM else None,
        input_schema=Schema if kind is NodeType.HUMAN else None,
        execution=ExecutionSpec(lazy=lazy),
    )


def test_every_problem_is_reported_at_once() -> None:
    builder = (
        WorkflowBuilder("w", "w")
        .add_node(node("a"))
        .add_node(node("b"))
        .add_node(NodeSpec("llm", NodeType.LLM))
        .add_node(NodeSpec("human", NodeType.HUMAN))
        .add_node(node("m", NodeType.MERGE))
        .connect("a", "b")
        .connect("b", "a")
        .connect("a", "ghost")
    )
    with pytest.raises(WorkflowDefinitionError) as caught:
        builder.build()
    assert caught.value.problems == ["edge a->ghost names unknown node 'ghost'"]
    builder = (
        WorkflowBuilder("w", "w")
        .add_node(node("start"))
        .add_node(node("a"))
        .add_node(node("b"))
        .add_node(NodeSpec("llm", NodeType.LLM))
        .add_node(NodeSpec("human", NodeType.HUMAN))
        .add_node(node("m", NodeType.MERGE))
        .connect("start", "m")
        .connect("a", "b")
        .connect("b", "a")
    )
    with pytest.raises(WorkflowDefinitionError) as caught:
        builder.build()
    problems = caught.value.problems
    assert "workflow has a cycle" in problems
    assert "node 'a' is unreachable" in problems
    assert "merge node 'm' has fewer than two inputs" in problems
    assert "llm node 'llm' has no template" in problems
    assert "human node 'human' has no input schema" in problems


def test_linear_plan_runs_in_order_and_finishes() -> None:
    definition = WorkflowBuilder("w", "w").add_node(node("a")).add_node(node("b")).connect("a", "b").build()
    assert plan(definition, {}).ready == ("a",)
    assert plan(definition, {"a": NodeStatus.RUNNING}).ready == ()
    assert plan(definition, {"a": NodeStatus.COMPLETED}).ready == ("b",)
    done = plan(definition, {"a": NodeStatus.COMPLETED, "b": NodeStatus.COMPLETED})
    assert done.finished and done.ready == ()


def test_branch_skips_the_path_not_taken_and_merge_waits_for_the_rest() -> None:
    definition = (
        WorkflowBuilder("w", "w")
        .add_node(node("decide", NodeType.BRANCH))
        .add_node(node("yes"))
        .add_node(node("no"))
        .add_node(node("after_no"))
        .add_node(node("join", NodeType.MERGE))
        .connect("decide", "yes", lambda out: bool(out.get("ok")))
        .connect("decide", "no", lambda out: not out.get("ok"))
        .connect("no", "after_no")
        .connect("yes", "join")
        .connect("after_no", "join")
        .build()
    )
    step = plan(definition, {"decide": NodeStatus.COMPLETED}, {"decide": {"ok": True}})
    assert step.ready == ("yes",)
    assert set(step.skip) == {"no", "after_no"}
    statuses = {"decide": NodeStatus.COMPLETED, "no": NodeStatus.SKIPPED, "after_no": NodeStatus.SKIPPED}
    assert plan(definition, {**statuses, "yes": NodeStatus.RUNNING}, {"decide": {"ok": True}}).ready == ()
    assert plan(definition, {**statuses, "yes": NodeStatus.COMPLETED}, {"decide": {"ok": True}}).ready == ("join",)


def test_lazy_node_runs_only_when_its_consumer_is_next() -> None:
    definition = (
        WorkflowBuilder("w", "w")
        .add_node(node("start"))
        .add_node(node("summary", lazy=True))
        .add_node(node("human", NodeType.HUMAN))
        .add_node(node("use"))
        .connect("start", "human")
        .connect("human", "use")
        .connect("summary", "use")
        .build()
    )
    assert plan(definition, {}).ready == ("start",)
    assert plan(definition, {"start": NodeStatus.COMPLETED}).ready == ("human",)
    ready = plan(definition, {"start": NodeStatus.COMPLETED, "human": NodeStatus.COMPLETED}).ready
    assert ready == ("summary",)
