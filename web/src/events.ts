/**
 * The execution event stream's event types. `eventDecoder.ts` turns SSE
 * messages into these.
 */

export type ExecutionStatus = "running" | "paused" | "completed" | "failed" | "cancelled";
export const TERMINAL_STATUSES: readonly string[] = ["completed", "failed", "cancelled"];

export interface NodeError {
  code: string;
  message: string;
  retryable: boolean;
}

export interface InputUi {
  component: string | null;
  autoSave: boolean;
  debounceMs: number;
}

export interface PendingInput {
  initialData: unknown;
  draft?: unknown;
  schema: unknown;
  ui: InputUi;
}

export interface NodeState {
  /** One of the node statuses of the API (`pending`, `running`, `streaming`, …). */
  status: string;
  attempt: number;
  outputs?: unknown;
  error?: NodeError;
  transformId?: string;
}

export interface StreamingState {
  transformId: string;
  text: string;
  status: string;
}

export interface ExecutionSnapshot {
  executionId: string;
  workflowId: string;
  status: string;
  currentNode: string | null;
  progress: number;
  createdAt: string | null;
  /** What the execution was started with, e.g. `{outlineArtifactId, episodeNumber}` for an episode. */
  inputs: Record<string, unknown>;
  nodeStates: Record<string, NodeState>;
  streamingStates: Record<string, StreamingState>;
  pendingInputs: Record<string, PendingInput>;
  /** The execution's result, when the snapshot carries it. */
  result: { artifactId: string } | null;
  /** The execution's error, when the snapshot carries it. */
  error: NodeError | null;
}

interface EventBase {
  /** The event's sequence number, or null when the message carried no usable id. */
  id: number | null;
  executionId: string;
}

export type ExecutionEventBody =
  | { type: "execution_state"; snapshot: ExecutionSnapshot }
  | { type: "workflow_node_start"; nodeId: string; attempt: number; transformId: string | null }
  | { type: "reasoning"; nodeId: string; transformId: string | null; phase: "start" | "end" }
  | { type: "transform_chunk"; nodeId: string; transformId: string; index: number; delta: string }
  | { type: "user_input_required"; nodeId: string; input: PendingInput }
  | {
      type: "workflow_progress";
      nodeId: string;
      status: string;
      progress: number | null;
      outputs?: unknown;
      error?: NodeError;
    }
  | { type: "workflow_completed"; status: string; result: { artifactId: string } | null }
  | { type: "workflow_failed"; status: string; error?: NodeError }
  | { type: "workflow_cancelled"; status: string };

export type ExecutionEvent = EventBase & ExecutionEventBody;

export type ExecutionEventType = ExecutionEvent["type"];

export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = [
  "execution_state",
  "workflow_node_start",
  "reasoning",
  "transform_chunk",
  "user_input_required",
  "workflow_progress",
  "workflow_completed",
  "workflow_failed",
  "workflow_cancelled",
];

export const DEFAULT_DEBOUNCE_MS = 800;

export function isTerminalEvent(event: ExecutionEvent): boolean {
  if (event.type === "execution_state") return TERMINAL_STATUSES.includes(event.snapshot.status);
  return event.type === "workflow_completed" || event.type === "workflow_failed" || event.type === "workflow_cancelled";
}
