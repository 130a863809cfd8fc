import { useMemo } from "react";
import type { NodeState } from "./events";
import { layoutGraph, parseMermaid } from "./mermaidGraph";
import { nodeLabel, nodeStatusLabel } from "./statusLabels";

interface WorkflowGraphProps {
  mermaid: string;
  nodes: Readonly<Record<string, NodeState>>;
  selected?: string | null;
  onSelect?: (nodeId: string) => void;
}

const BOX_WIDTH = 200;
const BOX_HEIGHT = 56;
const GAP_X = 40;
const GAP_Y = 44;
const MARGIN = 16;

/** The workflow's graph drawn from its Mermaid text, each node coloured by its live state. */
export function WorkflowGraph({ mermaid, nodes, selected = null, onSelect }: WorkflowGraphProps) {
  const placed = useMemo(() => layoutGraph(parseMermaid(mermaid)), [mermaid]);
  const edges = useMemo(() => parseMermaid(mermaid).edges, [mermaid]);
  const widest = Math.max(1, ...placed.map((node) => node.slot + 1));
  const layers = Math.max(1, ...placed.map((node) => node.layer + 1));
  const width = MARGIN * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X;
  const height = MARGIN * 2 + layers * BOX_HEIGHT + (layers - 1) * GAP_Y;
  const position = new Map(
    placed.map((node) => [
      node.id,
      { x: MARGIN + node.slot * (BOX_WIDTH + GAP_X), y: MARGIN + node.layer * (BOX_HEIGHT + GAP_Y) },
    ]),
  );

  return (
    <div className="workflow-graph" data-testid="workflow-graph">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="流程图">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className="graph-arrow" />
          </marker>
        </defs>
        {edges.map((edge, index) => {
          const from = position.get(edge.from);
          const to = position.get(edge.to);
          if (!from || !to) return null;
          return (
            <line
              key={index}
              className={edge.dashed ? "graph-edge dashed" : "graph-edge"}
              x1={from.x + BOX_WIDTH / 2}
              y1={from.y + BOX_HEIGHT}
              x2={to.x + BOX_WIDTH / 2}
              y2={to.y - 2}
              markerEnd="url(#arrow)"
            />
          );
        })}
        {placed.map((node) => {
          const at = position.get(node.id) ?? { x: 0, y: 0 };
          const status = nodes[node.id]?.status ?? "pending";
          return (
            <g
              key={node.id}
              className={`graph-node shape-${node.shape} node-${status}${selected === node.id ? " selected" : ""}`}
              data-testid="graph-node"
              data-node={node.id}
              data-status={status}
              transform={`translate(${at.x},${at.y})`}
              onClick={() => onSelect?.(node.id)}
            >
              <rect width={BOX_WIDTH} height={BOX_HEIGHT} rx={node.shape === "human" ? 14 : 4} />
              <text x={BOX_WIDTH / 2} y={22} textAnchor="middle" className="graph-title">
                {nodeLabel(node.id)}
              </text>
              <text x={BOX_WIDTH / 2} y={42} textAnchor="middle" className="graph-subtitle">
                {(node.lines[1] ?? node.shape) + " · " + nodeStatusLabel(status)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
