import { useEffect, useMemo, useState } from "react";
import { ApiError } from "./apiError";
import { BrainstormForm } from "./BrainstormForm";
import { ErrorNotice } from "./ErrorNotice";
import { FinalIdea } from "./FinalIdea";
import { IdeaSection } from "./IdeaSection";
import type { IdeaText } from "./ideaSelection";
import { BRAINSTORMING, COLLECT_REQUIREMENTS, GENERATE_IDEAS } from "./brainstormingNodes";
import { knownFinalIdeas } from "./ideas";
import { useUnauthorizedHandler } from "./session";
import { StatusBar } from "./StatusBar";
import { useExecutionStream } from "./useExecutionStream";

interface ExecutionViewProps {
  executionId: string;
  onClose: () => void;
}

/** One brainstorm, live: requirements form, streaming ideas, the choice, the result. */
export function ExecutionView({ executionId, onClose }: ExecutionViewProps) {
  const { view, connection, failure } = useExecutionStream(executionId);
  const [submitted, setSubmitted] = useState<IdeaText | null>(null);
  const onUnauthorized = useUnauthorizedHandler();
  const ideas = useMemo(() => knownFinalIdeas(view), [view]);

  useEffect(() => {
    if (failure !== null) onUnauthorized(failure);
  }, [failure, onUnauthorized]);

  const requirementsInput = view.pendingInputs[COLLECT_REQUIREMENTS];
  const showForm = requirementsInput !== undefined && view.nodes[COLLECT_REQUIREMENTS]?.status !== "completed";
  const ideasNode = view.nodes[GENERATE_IDEAS];
  const showIdeas =
    view.streams[GENERATE_IDEAS] !== undefined ||
    ideas.length > 0 ||
    (ideasNode !== undefined && ideasNode.status !== "pending");
  const otherWorkflow = view.loaded && view.workflowId !== "" && view.workflowId !== BRAINSTORMING;
  const notFound = failure instanceof ApiError && failure.status === 404;

  return (
    <div className="execution">
      <StatusBar view={view} connection={connection} />

      {failure !== null && (
        <div className="card">
          <ErrorNotice
            error={failure}
            testId="stream-error"
            title={notFound ? "找不到这次头脑风暴，它可能属于其他账号或已被删除。" : undefined}
          />
          <button type="button" className="button" onClick={onClose}>
            返回首页
          </button>
        </div>
      )}
      {!view.loaded && failure === null && <p className="muted centered">正在连接…</p>}

      {otherWorkflow && (
        <p className="info-notice">这是一个「{view.workflowId}」流程，当前页面只支持头脑风暴，下面只显示它的状态。</p>
      )}

      {view.status === "failed" && (
        <div className="error-notice" role="alert" data-testid="workflow-error">
          <p className="error-summary">头脑风暴失败</p>
          <p className="error-detail">{view.error?.message ?? "未知错误"}</p>
        </div>
      )}
      {view.status === "cancelled" && <p className="info-notice">这次头脑风暴已取消。</p>}

      {view.status === "completed" && <FinalIdea view={view} ideas={ideas} submitted={submitted} />}

      {showForm && requirementsInput && (
        <BrainstormForm key={executionId} executionId={executionId} input={requirementsInput} />
      )}

      {showIdeas && <IdeaSection executionId={executionId} view={view} onSelectionSubmitted={setSubmitted} />}
    </div>
  );
}
