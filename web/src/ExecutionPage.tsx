import { useEffect, useState } from "react";
import { ApiError } from "./apiError";
import { ConnectionBanner } from "./ConnectionBanner";
import { DebugPanel } from "./DebugPanel";
import { EPISODE } from "./episodeNodes";
import { EpisodeSeriesLink } from "./EpisodeSeriesLink";
import { ErrorNotice } from "./ErrorNotice";
import { useUnauthorizedHandler } from "./session";
import { StatusBar } from "./StatusBar";
import { pageTitle } from "./pageTitle";
import { workflowLabel } from "./statusLabels";
import { useWorkflow } from "./useWorkflow";
import { WorkflowRenderer } from "./WorkflowRenderer";

interface ExecutionPageProps {
  executionId: string;
  onOpen: (executionId: string) => void;
  onClose: () => void;
}

type Tab = "work" | "debug";

/** One execution of any workflow, live: its steps, or the debug views. */
export function ExecutionPage({ executionId, onOpen, onClose }: ExecutionPageProps) {
  const workflow = useWorkflow(executionId);
  const { view, connection, failure } = workflow;
  const [tab, setTab] = useState<Tab>("work");
  const onUnauthorized = useUnauthorizedHandler();

  useEffect(() => {
    if (failure !== null) onUnauthorized(failure);
  }, [failure, onUnauthorized]);

  const notFound = failure instanceof ApiError && failure.status === 404;
  const name = view.workflowId ? workflowLabel(view.workflowId) : "创作";

  return (
    <div className="execution" data-testid="execution-page" data-workflow={view.workflowId}>
      <nav className="execution-nav">
        <button type="button" className="link-button" data-testid="back-home" onClick={onClose}>
          ← 我的创作
        </button>
        <span className="execution-name" data-testid="execution-title">
          {pageTitle(view)}
        </span>
        {view.workflowId === EPISODE && <EpisodeSeriesLink workflow={workflow} onOpen={onOpen} />}
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === "work"}
            className={tab === "work" ? "tab active" : "tab"}
            data-testid="tab-work"
            onClick={() => setTab("work")}
          >
            创作
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === "debug"}
            className={tab === "debug" ? "tab active" : "tab"}
            data-testid="tab-debug"
            onClick={() => setTab("debug")}
          >
            调试
          </button>
        </div>
      </nav>
      <StatusBar view={view} connection={connection} />
      <ConnectionBanner connection={connection} />

      {failure !== null && (
        <div className="card">
          <ErrorNotice
            error={failure}
            testId="stream-error"
            title={notFound ? "找不到这次创作，它可能属于其他账号或已被删除。" : undefined}
          />
          <button type="button" className="button" onClick={onClose}>
            返回首页
          </button>
        </div>
      )}
      {!view.loaded && failure === null && <p className="muted centered">正在连接…</p>}

      {view.status === "failed" && (
        <div className="error-notice" role="alert" data-testid="workflow-error">
          <p className="error-summary">{name}失败</p>
          <p className="error-detail">{view.error?.message ?? "未知错误"}</p>
        </div>
      )}
      {view.status === "cancelled" && (
        <p className="info-notice" data-testid="cancelled-notice">
          已停止生成。已写出的内容保留在下面，可以点击「重新生成」继续。
        </p>
      )}

      {view.loaded && tab === "work" && <WorkflowRenderer workflow={workflow} onOpen={onOpen} />}
      {view.loaded && tab === "debug" && <DebugPanel workflow={workflow} onOpen={onOpen} />}
    </div>
  );
}
