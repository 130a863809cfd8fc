/**
 * Reads the `flowchart` text the API gives for a workflow (`mermaid`) into
 * nodes and edges, and lays it out in layers for a plain SVG drawing.
 */

export type NodeShape = "human" | "llm" | "compute";

export interface GraphNode {
  id: string;
  /** The label's lines (`<br/>` splits them). */
  lines: string[];
  shape: NodeShape;
}

export interface GraphEdge {
  from: string;
  to: string;
  dashed: boolean;
  label: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface PlacedNode extends GraphNode {
  layer: number;
  slot: number;
}

const NODE_LINE = /^([A-Za-z0-9_-]+)\s*(\[\/|\[\[|\[|\(\(|\(|\{)(.*?)(\/\]|\]\]|\]|\)\)|\)|\})\s*$/;
const EDGE_LINE = /^([A-Za-z0-9_-]+)\s*(-->|-\.->|==>|---)\s*(?:\|([^|]*)\|\s*)?([A-Za-z0-9_-]+)\s*$/;

function labelLines(raw: string): string[] {
  const unquoted = raw.trim().replace(/^"(.*)"$/, "$1");
  return unquoted
    .split(/<br\s*\/?>/i)
    .map((line) => line.trim())
    .filter(Boolean);
}

function shapeOf(open: string): NodeShape {
  if (open === "[/") return "human";
  if (open === "[[") return "llm";
  return "compute";
}

export function parseMermaid(text: string): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const ensure = (id: string): void => {
    if (!nodes.has(id)) nodes.set(id, { id, lines: [id], shape: "compute" });
  };
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (!line || /^(flowchart|graph)\b/.test(line) || line.startsWith("%%")) continue;
    const edge = EDGE_LINE.exec(line);
    if (edge) {
      const [, from = "", arrow = "", label = "", to = ""] = edge;
      ensure(from);
      ensure(to);
      edges.push({ from, to, dashed: arrow === "-.->", label: label.trim() });
      continue;
    }
    const node = NODE_LINE.exec(line);
    if (node) {
      const [, id = "", open = "", label = ""] = node;
      const lines = labelLines(label);
      nodes.set(id, { id, lines: lines.length > 0 ? lines : [id], shape: shapeOf(open) });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

/** Nodes in dependency order; inside a cycle, the text's order decides. */
function nodeOrder(graph: Graph): string[] {
  const incoming = new Map<string, number>(graph.nodes.map((node) => [node.id, 0]));
  for (const edge of graph.edges) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < graph.nodes.length) {
    const free = graph.nodes.find((node) => !placed.has(node.id) && (incoming.get(node.id) ?? 0) <= 0);
    const next = free ?? graph.nodes.find((node) => !placed.has(node.id));
    if (!next) break;
    placed.add(next.id);
    order.push(next.id);
    for (const edge of graph.edges) {
      if (edge.from === next.id) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) - 1);
    }
  }
  return order;
}

/** Layer = the longest path from a source along forward edges; slot = position within the layer. */
export function layoutGraph(graph: Graph): PlacedNode[] {
  const order = nodeOrder(graph);
  const rank = new Map(order.map((id, index) => [id, index]));
  const layer = new Map<string, number>();
  for (const id of order) {
    let deepest = 0;
    for (const edge of graph.edges) {
      // Edges pointing back (a cycle) do not push a node down.
      if (edge.to !== id || (rank.get(edge.from) ?? 0) >= (rank.get(id) ?? 0)) continue;
      deepest = Math.max(deepest, (layer.get(edge.from) ?? 0) + 1);
    }
    layer.set(id, deepest);
  }
  const used = new Map<number, number>();
  return graph.nodes.map((node) => {
    const nodeLayer = layer.get(node.id) ?? 0;
    const slot = used.get(nodeLayer) ?? 0;
    used.set(nodeLayer, slot + 1);
    return { ...node, layer: nodeLayer, slot };
  });
}
