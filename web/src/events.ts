/**
 * The execution event stream: event types and a lenient decoder that turns one
 * SSE message (type, id, JSON data) into a typed `ExecutionEvent`, or null when
 * the message cannot be understood.
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

type Fields = Record<string, unknown>;

function record(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function mapValues<T>(value: unknown, decode: (item: unknown) => T): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, item] of Object.entries(record(value))) result[key] = decode(item);
  return result;
}

export function decodeNodeError(value: unknown): NodeError | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return { code: "error", message: value, retryable: false };
  const fields = record(value);
  return {
    code: text(fields.code) ?? "error",
    message: text(fields.message) ?? "未知错误",
    retryable: fields.retryable === true,
  };
}

export function decodeInputUi(value: unknown): InputUi {
  const fields = record(value);
  const debounce = finite(fields.debounceMs);
  return {
    component: text(fields.component) ?? null,
    autoSave: fields.autoSave !== false,
    debounceMs: debounce !== undefined && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS,
  };
}

export function decodePendingInput(value: unknown): PendingInput {
  const fields = record(value);
  const input: PendingInput = {
    initialData: fields.initialData ?? {},
    schema: fields.schema ?? null,
    ui: decodeInputUi(fields.ui),
  };
  if (fields.draft !== undefined && fields.draft !== null) input.draft = fields.draft;
  return input;
}

function decodeNodeState(value: unknown): NodeState {
  const fields = record(value);
  const state: NodeState = {
    status: text(fields.status) ?? "pending",
    attempt: finite(fields.attempt) ?? 0,
  };
  if (fields.outputs !== undefined && fields.outputs !== null) state.outputs = fields.outputs;
  const error = decodeNodeError(fields.error);
  if (error) state.error = error;
  const transformId = text(fields.transformId);
  if (transformId) state.transformId = transformId;
  return state;
}

function decodeStreamingState(value: unknown): StreamingState {
  const fields = record(value);
  return {
    transformId: text(fields.transformId) ?? "",
    text: text(fields.text) ?? "",
    status: text(fields.status) ?? "streaming",
  };
}

/** Decodes an `execution_state` event's data, or the body of `GET /api/workflow/execution/{id}`. */
export function decodeSnapshot(value: unknown): ExecutionSnapshot {
  const fields = record(value);
  const execution = record(fields.execution);
  return {
    executionId: text(execution.executionId) ?? text(fields.executionId) ?? "",
    workflowId: text(execution.workflowId) ?? "",
    status: text(execution.status) ?? "running",
    currentNode: text(fields.currentNode) ?? text(execution.currentNode) ?? null,
    progress: finite(execution.progress) ?? 0,
    createdAt: text(execution.createdAt) ?? null,
    nodeStates: mapValues(fields.nodeStates, decodeNodeState),
    streamingStates: mapValues(fields.streamingStates, decodeStreamingState),
    pendingInputs: mapValues(fields.pendingInputs, decodePendingInput),
    result: decodeResult(execution.result ?? fields.result),
    error: decodeNodeError(execution.error ?? fields.error) ?? null,
  };
}

function decodeResult(value: unknown): { artifactId: string } | null {
  const artifactId = text(record(value).artifactId);
  return artifactId ? { artifactId } : null;
}

function decodeBody(type: string, data: Fields): ExecutionEventBody | null {
  const nodeId = text(data.nodeId);
  const status = text(data.status) ?? "";
  switch (type) {
    case "execution_state":
      return { type, snapshot: decodeSnapshot(data) };
    case "workflow_node_start":
      if (!nodeId) return null;
      return { type, nodeId, attempt: finite(data.attempt) ?? 1, transformId: text(data.transformId) ?? null };
    case "reasoning":
      if (!nodeId) return null;
      return {
        type,
        nodeId,
        transformId: text(data.transformId) ?? null,
        phase: data.phase === "end" ? "end" : "start",
      };
    case "transform_chunk": {
      const transformId = text(data.transformId);
      const index = finite(data.index);
      const delta = text(data.delta);
      if (!nodeId || transformId === undefined || index === undefined || delta === undefined) return null;
      return { type, nodeId, transformId, index, delta };
    }
    case "user_input_required":
      if (!nodeId) return null;
      return { type, nodeId, input: decodePendingInput(data) };
    case "workflow_progress": {
      if (!nodeId) return null;
      const error = decodeNodeError(data.error);
      return {
        type,
        nodeId,
        status,
        progress: finite(data.progress) ?? null,
        ...(data.outputs !== undefined && data.outputs !== null ? { outputs: data.outputs } : {}),
        ...(error ? { error } : {}),
      };
    }
    case "workflow_completed":
      return { type, status: status || "completed", result: decodeResult(data.result) };
    case "workflow_failed": {
      const error = decodeNodeError(data.error);
      return { type, status: status || "failed", ...(error ? { error } : {}) };
    }
    case "workflow_cancelled":
      return { type, status: status || "cancelled" };
    default:
      return null;
  }
}

/** Turns one SSE message into an event; null for unknown types or unreadable data. */
export function decodeEvent(type: string, id: string, rawData: string): ExecutionEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawData);
  } catch {
    return null;
  }
  const data = record(parsed);
  const body = decodeBody(type, data);
  if (!body) return null;
  const numericId = /^\d+$/.test(id.trim()) ? Number(id.trim()) : null;
  const executionId = text(data.executionId) ?? "";
  return { ...body, id: numericId, executionId };
}

export function isTerminalEvent(event: ExecutionEvent): boolean {
  if (event.type === "execution_state") return TERMINAL_STATUSES.includes(event.snapshot.status);
  return (
    event.type === "workflow_completed" ||
    event.type === "workflow_failed" ||
    event.type === "workflow_cancelled"
  );
}
