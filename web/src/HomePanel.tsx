import { useEffect, useState } from "react";
import { listExecutions } from "./api";
import { listArtifacts } from "./apiArtifacts";
import { ErrorNotice } from "./ErrorNotice";
import { filterItems, homeItems, type HomeItem, type WorkKind } from "./homeItems";
import { useUnauthorizedHandler } from "./session";
import { executionStatusLabel, formatTime, nodeLabel, workflowLabel } from "./statusLabels";

interface HomePanelProps {
  onOpen: (executionId: string) => void;
}

const KINDS: { kind: WorkKind; label: string }[] = [
  { kind: "all", label: "全部" },
  { kind: "brainstorming", label: "头脑风暴" },
  { kind: "outline", label: "大纲" },
  { kind: "episode", label: "剧集" },
];

function stepText(item: HomeItem): string {
  if (item.status === "paused") return `等待：${nodeLabel(item.currentNode)}`;
  if (item.status === "running" && item.currentNode) return `进行中：${nodeLabel(item.currentNode)}`;
  return "";
}

/** The start page: every brainstorm, outline and episode of the writer, each reopening where it is. */
export function HomePanel({ onOpen }: HomePanelProps) {
  const [items, setItems] = useState<HomeItem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [kind, setKind] = useState<WorkKind>("all");
  const onUnauthorized = useUnauthorizedHandler();

  useEffect(() => {
    let active = true;
    Promise.all([listExecutions(), listArtifacts().catch(() => [])])
      .then(([executions, artifacts]) => active && setItems(homeItems(executions, artifacts)))
      .catch((error: unknown) => {
        if (!active) return;
        onUnauthorized(error);
        setFailure(error);
      });
    return () => {
      active = false;
    };
  }, [onUnauthorized]);

  const shown = items ? filterItems(items, kind) : [];

  return (
    <div className="home">
      <section className="card intro">
        <h2>从一次头脑风暴开始</h2>
        <p>
          选好平台和题材，写下你的特殊要求，模型会给出几个故事创意；挑一个最喜欢的，生成人物、卖点和五阶段大纲，再一集一集写出剧本。
          每一步都可以修改、重新生成，所有输入都会自动保存，刷新页面也不会丢失。
        </p>
        <p className="muted">点击右上角的「新建头脑风暴」开始。</p>
      </section>
      <section className="card recent" data-testid="home-list">
        <header className="card-header">
          <h2>我的创作</h2>
          <div className="filter-chips" role="tablist">
            {KINDS.map((item) => (
              <button
                key={item.kind}
                type="button"
                role="tab"
                aria-selected={kind === item.kind}
                className={kind === item.kind ? "chip active" : "chip"}
                data-testid={`home-filter-${item.kind}`}
                onClick={() => setKind(item.kind)}
              >
                {item.label}
              </button>
            ))}
          </div>
        </header>
        {failure !== null && <ErrorNotice error={failure} title="无法载入创作记录" />}
        {items === null && failure === null && <p className="muted">正在载入…</p>}
        {items !== null && shown.length === 0 && <p className="muted">还没有创作记录。</p>}
        {shown.length > 0 && (
          <ul className="recent-list">
            {shown.map((item) => (
              <li key={item.executionId}>
                <button
                  type="button"
                  className="recent-item"
                  data-testid="home-item"
                  data-execution-id={item.executionId}
                  data-workflow={item.workflowId}
                  data-status={item.status}
                  onClick={() => onOpen(item.executionId)}
                >
                  <span className="recent-name">
                    <span className={`kind kind-${item.workflowId}`}>{workflowLabel(item.workflowId)}</span>
                    <span className="recent-title">{item.title || "未命名"}</span>
                  </span>
                  <span className={`status-pill status-${item.status}`}>{executionStatusLabel(item.status)}</span>
                  <span className="recent-progress">
                    <span className="progress-track">
                      <span className="progress-fill" style={{ width: `${Math.round(item.progress)}%` }} />
                    </span>
                    <span className="muted">{stepText(item) || `${Math.round(item.progress)}%`}</span>
                  </span>
                  <span className="muted recent-time">{formatTime(item.updatedAt ?? item.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
