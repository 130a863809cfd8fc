import { useEffect, useState } from "react";
import { listExecutions, type ExecutionSummary } from "./api";
import { ErrorNotice } from "./ErrorNotice";
import { useUnauthorizedHandler } from "./session";
import { executionStatusLabel, formatTime, nodeLabel, workflowLabel } from "./statusLabels";

interface HomePanelProps {
  onOpen: (executionId: string) => void;
}

const RECENT_LIMIT = 12;

/** The start page: what to do first, and the writer's recent brainstorms to reopen. */
export function HomePanel({ onOpen }: HomePanelProps) {
  const [executions, setExecutions] = useState<ExecutionSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const onUnauthorized = useUnauthorizedHandler();

  useEffect(() => {
    let active = true;
    listExecutions()
      .then((items) => active && setExecutions(items.slice(0, RECENT_LIMIT)))
      .catch((error: unknown) => {
        if (!active) return;
        onUnauthorized(error);
        setFailure(error);
      });
    return () => {
      active = false;
    };
  }, [onUnauthorized]);

  return (
    <div className="home">
      <section className="card intro">
        <h2>从一次头脑风暴开始</h2>
        <p>
          选好平台和题材，写下你的特殊要求，模型会给出几个故事创意；挑一个最喜欢的，改成你想要的样子。
          所有输入都会自动保存，刷新页面也不会丢失。
        </p>
        <p className="muted">点击右上角的「新建头脑风暴」开始。</p>
      </section>
      <section className="card recent">
        <h2>最近的创作</h2>
        {failure !== null && <ErrorNotice error={failure} title="无法载入最近的创作" />}
        {executions === null && failure === null && <p className="muted">正在载入…</p>}
        {executions?.length === 0 && <p className="muted">还没有创作记录。</p>}
        {executions && executions.length > 0 && (
          <ul className="recent-list">
            {executions.map((execution) => (
              <li key={execution.executionId}>
                <button type="button" className="recent-item" onClick={() => onOpen(execution.executionId)}>
                  <span className="recent-name">{workflowLabel(execution.workflowId)}</span>
                  <span className={`status-pill status-${execution.status}`}>
                    {executionStatusLabel(execution.status)}
                  </span>
                  <span className="muted">
                    {execution.status === "paused"
                      ? nodeLabel(execution.currentNode)
                      : `${Math.round(execution.progress)}%`}
                  </span>
                  <span className="muted recent-time">{formatTime(execution.updatedAt ?? execution.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
