import { useState } from "react";
import { LineageView } from "./LineageView";
import { nodeLabel, nodeStatusLabel } from "./statusLabels";
import { TransformInspector } from "./TransformInspector";
import type { Workflow } from "./useWorkflow";
import { WorkflowGraph } from "./WorkflowGraph";

interface DebugPanelProps {
  workflow: Workflow;
  onOpen: (executionId: string) => void;
}

/** The workflow graph with live node states, the transform inspector with replay, and artifact lineage. */
export function DebugPanel({ workflow, onOpen }: DebugPanelProps) {
  const { view, definition } = workflow;
  const [transformId, setTransformId] = useState<string | null>(null);
  const [artifactId, setArtifactId] = useState<string | null>(view.result?.artifactId ?? null);
  const transforms = Object.entries(view.nodes).flatMap(([nodeId, node]) =>
    node.transformId ? [{ nodeId, transformId: node.transformId, attempt: node.attempt, status: node.status }] : [],
  );

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
                  onClick={() => setTransformId(item.transformId)}
                >
                  {nodeLabel(item.nodeId)} · 第 {item.attempt} 次 · {nodeStatusLabel(item.status)}
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
