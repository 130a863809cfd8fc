import { useEffect, useState } from "react";
import { listTransforms, type TransformSummary } from "./apiArtifacts";
import { LineageView } from "./LineageView";
import { nodeLabel, nodeStatusLabel } from "./statusLabels";
import { TransformInspector } from "./TransformInspector";
import type { Workflow } from "./useWorkflow";
import { WorkflowGraph } from "./WorkflowGraph";

interface DebugPanelProps {
  workflow: Workflow;
  onOpen: (executionId: string) => void;
}

interface TransformTab {
  transformId: string;
  nodeId: string | null;
  type: string;
  attempt: number;
  status: string;
}

function tabFromSummary(item: TransformSummary): TransformTab {
  return {
    transformId: item.id,
    nodeId: item.nodeId,
    type: item.type,
    attempt: item.attempt ?? 1,
    status: item.status,
  };
}

/**
 * The workflow graph with live node states, the transform inspector with
 * replay, and artifact lineage. The transforms are every attempt of every node
 * (earlier failed or stopped ones too), listed again whenever a node changes.
 */
export function DebugPanel({ workflow, onOpen }: DebugPanelProps) {
  const { view, definition } = workflow;
  const [transformId, setTransformId] = useState<string | null>(null);
  const [artifactId, setArtifactId] = useState<string | null>(view.result?.artifactId ?? null);
  const current: TransformTab[] = Object.entries(view.nodes).flatMap(([nodeId, node]) =>
    node.transformId
      ? [
          {
            nodeId,
            transformId: node.transformId,
            type: view.streams[nodeId] ? "llm" : "",
            attempt: node.attempt,
            status: node.status,
          },
        ]
      : [],
  );
  const [stored, setStored] = useState<TransformTab[] | null>(null);
  const nodesKey = Object.entries(view.nodes)
    .map(([nodeId, node]) => `${nodeId}:${node.transformId ?? ""}:${node.attempt}:${node.status}`)
    .join("|");

  useEffect(() => {
    let active = true;
    listTransforms(view.executionId)
      .then((items) => active && setStored(items.filter((item) => item.id !== "").map(tabFromSummary)))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [view.executionId, nodesKey]);

  // A transform that has just started may not be stored yet: it is shown from the live state until it is.
  const transforms = stored
    ? stored.concat(current.filter((tab) => !stored.some((item) => item.transformId === tab.transformId)))
    : current;

  function selectNode(nodeId: string): void {
    const found = view.nodes[nodeId]?.transformId;
    if (found) setTransformId(found);
  }

  return (
    <div className="debug-panel" data-testid="debug-panel">
      <section className="card">
        <header className="card-header">
          <h2>流程图</h2>
          <span className="muted">点击 LLM 节点查看它的转换</span>
        </header>
        {definition ? (
          <WorkflowGraph mermaid={definition.mermaid} nodes={view.nodes} selected={null} onSelect={selectNode} />
        ) : (
          <p className="muted">正在载入流程定义…</p>
        )}
      </section>
      <section className="card">
        <header className="card-header">
          <h2>转换</h2>
        </header>
        {transforms.length === 0 ? (
          <p className="muted">这个流程还没有调用过模型。</p>
        ) : (
          <ul className="transform-tabs">
            {transforms.map((item) => (
              <li key={item.transformId}>
                <button
                  type="button"
                  className={item.transformId === transformId ? "tab active" : "tab"}
                  data-testid="transform-tab"
                  data-transform={item.transformId}
                  data-type={item.type}
                  data-status={item.status}
                  onClick={() => setTransformId(item.transformId)}
                >
                  {nodeLabel(item.nodeId)}
                  {item.type === "human" ? " · 人工" : ""} · 第 {item.attempt} 次 · {nodeStatusLabel(item.status)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {transformId && (
          <TransformInspector key={transformId} transformId={transformId} onShowLineage={(id) => setArtifactId(id)} />
        )}
      </section>
      <section className="card">
        <header className="card-header">
          <h2>产物谱系</h2>
        </header>
        <LineageView
          executionId={view.executionId}
          artifactId={artifactId}
          onSelectArtifact={setArtifactId}
          onSelectTransform={setTransformId}
          onOpen={onOpen}
        />
      </section>
    </div>
  );
}
