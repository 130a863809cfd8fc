/**
 * A lenient decoder that turns one SSE message (type, id, JSON data) into a
 * typed `ExecutionEvent`, or null when the message cannot be understood.
 * Missing optional fields get the contract's defaults.
 */
import {
  DEFAULT_DEBOUNCE_MS,
  type ExecutionEvent,
  type ExecutionEventBody,
  type ExecutionSnapshot,
  type InputUi,
  type NodeError,
  type NodeState,
  type PendingInput,
  type StreamingState,
} from "./events";

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
    inputs: record(execution.inputs),
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
