import type { ReactNode } from "react";
import { ErrorNotice } from "./ErrorNotice";
import { wordCount } from "./script";
import type { Workflow } from "./useWorkflow";

interface GenerationBarProps {
  workflow: Workflow;
  nodeId: string;
  /** What the model is writing, e.g. 「大纲」. */
  subject: string;
  /** Extra buttons shown when the node has finished. */
  children?: ReactNode;
}

const ACTIVE = ["running", "streaming"];

/**
 * The state of one LLM node: 深度构思中… while the model reasons, a progress
 * line while it writes, 停止生成 while it runs, and 重新生成 / 重试 after.
 */
export function GenerationBar({ workflow, nodeId, subject, children }: GenerationBarProps) {
  const { view, busy } = workflow;
  const node = view.nodes[nodeId];
  const stream = view.streams[nodeId];
  const status = node?.status ?? "pending";
  const stopping = stream?.status === "stopping" || busy === "stop";
  const active = ACTIVE.includes(status) && !stopping && stream?.status !== "cancelled";
  const written = stream ? wordCount(stream.text) : 0;
  const thinking = active && (stream?.reasoning === true || written === 0);
  const attempt = stream?.attempt ?? node?.attempt ?? 1;
  const rerunning = busy === `rerun:${nodeId}`;
  const finished = ["completed", "failed", "cancelled"].includes(status) && !stopping;

  return (
    <div
      className="generation-bar"
      data-testid="generation-bar"
      data-node={nodeId}
      data-status={status}
      data-transform={stream?.transformId ?? node?.transformId ?? ""}
      data-attempt={attempt}
    >
      <div className="generation-state">
        {thinking && (
          <span className="thinking" data-testid="thinking-indicator">
            <span className="thinking-dots" aria-hidden="true" />
            深度构思中…
          </span>
        )}
        {active && !thinking && (
          <span className="generation-progress" data-testid="generation-progress">
            正在生成{subject} · 已写 {written} 字
          </span>
        )}
        {stopping && <span className="generation-progress">正在停止…</span>}
        {status === "cancelled" && !stopping && (
          <span className="badge stopped" data-testid="generation-stopped">
            已停止生成 · 保留了 {written} 字
          </span>
        )}
        {status === "completed" && (
          <span className="muted" data-testid="generation-done">
            {subject}已生成{written > 0 ? ` · ${written} 字` : ""}
          </span>
        )}
        {attempt > 1 && <span className="muted">第 {attempt} 次生成</span>}
      </div>
      <div className="generation-actions">
        {active && (
          <button
            type="button"
            className="button danger"
            data-testid="stop-generation"
            disabled={busy !== null}
            onClick={() => void workflow.stop(nodeId)}
          >
            停止生成
          </button>
        )}
        {finished && (
          <button
            type="button"
            className="button"
            data-testid={status === "failed" ? "retry-node" : "regenerate"}
            disabled={busy !== null}
            onClick={() => void workflow.rerun(nodeId)}
          >
            {rerunning ? "请稍候…" : status === "failed" ? "重试" : "重新生成"}
          </button>
        )}
        {finished && children}
      </div>
      {status === "failed" && (
        <div className="error-notice node-error" role="alert" data-testid="node-error">
          <p className="error-summary">生成{subject}失败</p>
          <p className="error-detail">{node?.error?.message ?? "未知错误"}</p>
        </div>
      )}
      {workflow.actionError !== null && <ErrorNotice error={workflow.actionError} testId="action-error" />}
    </div>
  );
}
