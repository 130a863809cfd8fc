import { describe, expect, it } from "vitest";
import { layoutGraph, parseMermaid } from "./mermaidGraph";
import { decodeWorkflow, downstreamOf, orderedNodes } from "./workflowDefinition";

const MERMAID = `flowchart TD
    summarize_previous["summarize_previous<br/>compute (lazy, hidden)"]
    prepare_context["prepare_context<br/>compute (hidden)"]
    edit_context[/"edit_context<br/>human"/]
    generate_episode[["generate_episode<br/>llm"]]
    summarize_previous --> prepare_context
    prepare_context --> edit_context
    edit_context --> generate_episode
    edit_context -.-> summarize_previous`;

describe("parseMermaid", () => {
  it("reads nodes, their shapes and labels, and edges", () => {
    const graph = parseMermaid(MERMAID);
    expect(graph.nodes.map((node) => [node.id, node.shape])).toEqual([
      ["summarize_previous", "compute"],
      ["prepare_context", "compute"],
      ["edit_context", "human"],
      ["generate_episode", "llm"],
    ]);
    expect(graph.nodes[0]?.lines).toEqual(["summarize_previous", "compute (lazy, hidden)"]);
    expect(graph.edges).toHaveLength(4);
    expect(graph.edges[3]).toEqual({ from: "edit_context", to: "summarize_previous", dashed: true, label: "" });
  });

  it("lays nodes out in layers and survives a cycle", () => {
    const placed = layoutGraph(parseMermaid(MERMAID));
    const layers = Object.fromEntries(placed.map((node) => [node.id, node.layer]));
    expect(layers.summarize_previous).toBeLessThan(layers.prepare_context ?? 0);
    expect(layers.edit_context).toBeLessThan(layers.generate_episode ?? 0);
    const branching = layoutGraph(parseMermaid("graph TD\na --> b\na --> c\nb --> d\nc --> d"));
    expect(branching.map((node) => [node.id, node.layer, node.slot])).toEqual([
      ["a", 0, 0],
      ["b", 1, 0],
      ["c", 1, 1],
      ["d", 2, 0],
    ]);
  });
});

describe("workflow definitions", () => {
  const definition = decodeWorkflow({
    id: "episode",
    nodes: [
      { id: "edit_context", type: "human", ui: { component: "episode_context", editable: true } },
      { id: "prepare_context", type: "compute", ui: { hidden: true } },
      { id: "generate_episode", type: "llm", ui: { component: "script_view" } },
      { id: "broken" },
      "junk",
    ],
    edges: [
      { from: "prepare_context", to: "edit_context" },
      { from: "edit_context", to: "generate_episode" },
    ],
  });

  it("decodes leniently and orders nodes after everything upstream", () => {
    expect(definition.nodes).toHaveLength(4);
    expect(definition.nodes[1]?.ui.hidden).toBe(true);
    expect(orderedNodes(definition).map((node) => node.id)).toEqual([
      "prepare_context",
      "edit_context",
      "generate_episode",
      "broken",
    ]);
    expect(downstreamOf(definition, "prepare_context").sort()).toEqual(["edit_context", "generate_episode"]);
  });
});
