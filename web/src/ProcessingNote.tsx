import type { WorkflowNode } from "./workflowDefinition";
import type { NodeState } from "./events";

interface ProcessingNoteProps {
  node: WorkflowNode;
  state: NodeState | undefined;
}

const PROCESSING_TEXT: Record<string, string> = {
  summarize_previous: "正在梳理前几集的剧情…",
  prepare_context: "正在准备本集的上下文…",
};

/** A hidden node is never shown itself: while it works the page says so, and nothing after. */
export function ProcessingNote({ node, state }: ProcessingNoteProps) {
  const status = state?.status ?? "pending";
  if (status === "failed") {
    return (
      <div className="error-notice" role="alert" data-testid="node-error" data-node={node.id}>
        <p className="error-summary">{node.description || node.id}失败</p>
        <p className="error-detail">{state?.error?.message ?? "未知错误"}</p>
      </div>
    );
  }
  if (status !== "running" && status !== "streaming") return null;
  return (
    <div className="processing-note card" data-testid="processing-note" data-node={node.id}>
      <span className="spinner" aria-hidden="true" />
      {PROCESSING_TEXT[node.id] ?? `${node.description || "处理中"}…`}
    </div>
  );
}
