/** A workflow's definition as `GET /api/workflows/{id}` describes it, and its node order. */
import { list, record, str } from "./fields";

export interface NodeUi {
  component: string | null;
  hidden: boolean;
  editable: boolean;
}

export interface WorkflowNode {
  id: string;
  type: string;
  description: string;
  ui: NodeUi;
  lazy: boolean;
  retryable: boolean;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  conditional: boolean;
}

export interface WorkflowDefinition {
  id: string;
  name: string;
  description: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  mermaid: string;
}

function decodeNode(value: unknown): WorkflowNode | null {
  const fields = record(value);
  const id = str(fields.id);
  if (!id) return null;
  const ui = record(fields.ui);
  const execution = record(fields.execution);
  return {
    id,
    type: str(fields.type) ?? "",
    description: str(fields.description) ?? "",
    ui: { component: str(ui.component), hidden: ui.hidden === true, editable: ui.editable === true },
    lazy: execution.lazy === true,
    retryable: execution.retryable !== false,
  };
}

export function decodeWorkflow(value: unknown): WorkflowDefinition {
  const fields = record(value);
  const nodes = list(fields.nodes).flatMap((item) => decodeNode(item) ?? []);
  const edges = list(fields.edges).flatMap((item): WorkflowEdge[] => {
    const edge = record(item);
    const from = str(edge.from);
    const to = str(edge.to);
    return from && to ? [{ from, to, conditional: edge.conditional === true }] : [];
  });
  return {
    id: str(fields.id) ?? "",
    name: str(fields.name) ?? "",
    description: str(fields.description) ?? "",
    nodes,
    edges,
    mermaid: str(fields.mermaid) ?? "",
  };
}

/** Nodes in an order where each comes after everything upstream of it; ties keep the definition order. */
export function orderedNodes(definition: WorkflowDefinition): WorkflowNode[] {
  const incoming = new Map<string, number>(definition.nodes.map((node) => [node.id, 0]));
  for (const edge of definition.edges) {
    if (incoming.has(edge.to) && incoming.has(edge.from)) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  }
  const ordered: WorkflowNode[] = [];
  const placed = new Set<string>();
  while (ordered.length < definition.nodes.length) {
    const next = definition.nodes.find((node) => !placed.has(node.id) && (incoming.get(node.id) ?? 0) === 0);
    // A cycle would be a broken definition; the rest keep their order.
    const chosen = next ?? definition.nodes.find((node) => !placed.has(node.id));
    if (!chosen) break;
    placed.add(chosen.id);
    ordered.push(chosen);
    for (const edge of definition.edges) {
      if (edge.from === chosen.id) incoming.set(edge.to, (incoming.get(edge.to) ?? 1) - 1);
    }
  }
  return ordered;
}

/** The nodes downstream of `nodeId` (not including it). */
export function downstreamOf(definition: WorkflowDefinition, nodeId: string): string[] {
  const reached = new Set<string>();
  const stack = [nodeId];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const edge of definition.edges) {
      if (edge.from === current && !reached.has(edge.to)) {
        reached.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  return [...reached];
}
