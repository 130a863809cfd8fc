"""Random definitions with branches, merges and lazy nodes: every node that should run runs exactly once."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scriptwriter.contracts.status import NodeStatus
from scriptwriter.workflow import ExecutionSpec, NodeSpec, NodeType, WorkflowBuilder, plan


@st.composite
def workflows(draw: st.DrawFn) -> tuple[Any, dict[str, dict[str, Any]], dict[str, set[str]]]:
    count = draw(st.integers(2, 9))
    ids = [f"n{i}" for i in range(count)]
    edges = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if draw(st.booleans())]
    incoming = {n: [a for a, b in edges if b == n] for n in ids}
    outgoing = {n: [b for a, b in edges if a == n] for n in ids}
    kinds = {}
    for n in ids:
        if outgoing[n] and draw(st.integers(0, 3)) == 0:
            kinds[n] = NodeType.BRANCH
        elif len(incoming[n]) >= 2 and draw(st.booleans()):
            kinds[n] = NodeType.MERGE
        else:
            kinds[n] = NodeType.COMPUTE
    lazy = {n: bool(outgoing[n]) and kinds[n] is NodeType.COMPUTE and draw(st.integers(0, 4)) == 0 for n in ids}
    taken = {n: set(draw(st.sets(st.sampled_from(outgoing[n])))) if kinds[n] is NodeType.BRANCH else set() for n in ids}
    builder = WorkflowBuilder("random", "random")
    for n in ids:
        builder.add_node(NodeSpec(n, kinds[n], execution=ExecutionSpec(lazy=lazy[n])))
    for a, b in edges:
        condition = (lambda out, target=b: target in out["take"]) if kinds[a] is NodeType.BRANCH else None
        builder.connect(a, b, condition)
    outputs = {n: {"take": sorted(taken[n])} for n in ids}
    return builder.build(), outputs, {n: set(incoming[n]) for n in ids}


def expected_runs(definition: Any, outputs: dict[str, dict[str, Any]]) -> set[str]:
    """Forward: which nodes have the inputs to run (a lazy input is optional); backward: a lazy node runs only
    if a consumer runs."""
    can_run: set[str] = set()
    for node_id in definition.nodes:  # ids are in topological order by construction
        edges = definition.incoming(node_id)
        live = [
            e
            for e in edges
            if (e.source in can_run and (e.condition is None or e.condition(outputs[e.source])))
            or (e.source not in can_run and definition.nodes[e.source].execution.lazy)  # optional input
        ]
        merge = definition.nodes[node_id].type is NodeType.MERGE
        if not edges or (merge and live) or (not merge and len(live) == len(edges)):
            can_run.add(node_id)
    runs = set(can_run)
    for node_id in reversed(list(definition.nodes)):
        consumers = [e.target for e in definition.outgoing(node_id)]
        if definition.nodes[node_id].execution.lazy and not any(c in runs for c in consumers):
            runs.discard(node_id)
    return runs


@settings(max_examples=300, deadline=None)
@given(workflows(), st.randoms(use_true_random=False))
def test_nodes_run_exactly_once_after_their_inputs(case: Any, rng: Any) -> None:
    definition, outputs, incoming = case
    statuses: dict[str, NodeStatus] = {}
    order: list[str] = []
    running: list[str] = []
    for _ in range(100):
        step = plan(definition, statuses, outputs)
        for node_id in step.skip:
            statuses[node_id] = NodeStatus.SKIPPED
        for node_id in step.ready:
            assert node_id not in order, "a node started twice"
            assert all(statuses.get(p) in (NodeStatus.COMPLETED, NodeStatus.SKIPPED) for p in incoming[node_id])
            statuses[node_id] = NodeStatus.RUNNING
            running.append(node_id)
            order.append(node_id)
        if step.finished:
            break
        assert running, "planner is stuck with nothing running"
        done = running.pop(rng.randrange(len(running)))  # finish in random order: parallel siblings overlap
        statuses[done] = NodeStatus.COMPLETED
    assert set(order) == expected_runs(definition, outputs)
    assert all(statuses[n] is NodeStatus.SKIPPED for n in definition.nodes if n not in order)
