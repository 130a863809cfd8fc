import type { ExecutionView } from "./executionReducer";
import { executionStatusLabel, nodeLabel } from "./statusLabels";
import type { ConnectionStatus } from "./useExecutionStream";

interface StatusBarProps {
  view: ExecutionView;
  connection: ConnectionStatus;
}

/** The execution's status, its current step and its overall progress. */
export function StatusBar({ view, connection }: StatusBarProps) {
  const progress = Math.round(view.progress);
  const active = view.status === "running" || view.status === "paused";
  return (
    <div className="status-bar">
      <span className={`status-pill status-${view.status}`} data-testid="execution-status" data-status={view.status}>
        {executionStatusLabel(view.status)}
      </span>
      {active && view.currentNode && <span className="status-step">当前步骤：{nodeLabel(view.currentNode)}</span>}
      <div
        className="progress"
        data-testid="progress"
        role="progressbar"
        aria-label="整体进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        data-value={progress}
      >
        <div className="progress-track">
          <div className="progress-fill" style={{ width: `${progress}%` }} />
        </div>
        <span className="progress-text">{progress}%</span>
      </div>
      {connection === "open" && active && <span className="connection-note live">实时</span>}
    </div>
  );
}
