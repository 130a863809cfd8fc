/**
 * Folds the execution event stream into the state the page shows.
 *
 * Events whose id is not above the last applied id are ignored (a reconnect
 * replays from `Last-Event-ID`, and a replay must never apply twice);
 * `execution_state` replaces the whole state.
 */
import type { ExecutionEvent, ExecutionSnapshot, NodeError, NodeState, PendingInput } from "./events";

export interface StreamView {
  transformId: string;
  attempt: number;
  /** The visible model output so far: every chunk up to the first gap, in index order. */
  text: string;
  /** The index the next chunk must have; null right after a snapshot, which does not say. */
  nextIndex: number | null;
  /** Chunks that arrived ahead of a gap, by index. */
  pending: Readonly<Record<number, string>>;
  /** `streaming` while text arrives, then the node's final status. */
  status: string;
  reasoning: boolean;
}

export interface ExecutionView {
  executionId: string;
  lastEventId: number;
  /** False until the first event (normally the snapshot) has been applied. */
  loaded: boolean;
  workflowId: string;
  status: string;
  currentNode: string | null;
  progress: number;
  /** What the execution was started with (from the snapshot). */
  inputs: Readonly<Record<string, unknown>>;
  nodes: Readonly<Record<string, NodeState>>;
  streams: Readonly<Record<string, StreamView>>;
  pendingInputs: Readonly<Record<string, PendingInput>>;
  result: { artifactId: string } | null;
  error: NodeError | null;
}

export function initialExecutionView(executionId: string): ExecutionView {
  return {
    executionId,
    lastEventId: -1,
    loaded: false,
    workflowId: "",
    status: "connecting",
    currentNode: null,
    progress: 0,
    inputs: {},
    nodes: {},
    streams: {},
    pendingInputs: {},
    result: null,
    error: null,
  };
}

function without<T>(map: Readonly<Record<string, T>>, key: string): Record<string, T> {
  if (!(key in map)) return { ...map };
  const copy = { ...map };
  delete copy[key];
  return copy;
}

function clampProgress(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function firstNodeError(nodes: Readonly<Record<string, NodeState>>): NodeError | null {
  for (const node of Object.values(nodes)) if (node.status === "failed" && node.error) return node.error;
  return null;
}

export function viewFromSnapshot(snapshot: ExecutionSnapshot, executionId: string, lastEventId: number): ExecutionView {
  const streams: Record<string, StreamView> = {};
  for (const [nodeId, stream] of Object.entries(snapshot.streamingStates)) {
    streams[nodeId] = {
      transformId: stream.transformId,
      attempt: snapshot.nodeStates[nodeId]?.attempt ?? 1,
      text: stream.text,
      nextIndex: null,
      pending: {},
      status: stream.status,
      reasoning: false,
    };
  }
  const terminal = snapshot.status === "completed";
  return {
    executionId: snapshot.executionId || executionId,
    lastEventId,
    loaded: true,
    workflowId: snapshot.workflowId,
    status: snapshot.status,
    currentNode: snapshot.currentNode,
    progress: terminal ? 100 : clampProgress(snapshot.progress),
    inputs: snapshot.inputs,
    nodes: { ...snapshot.nodeStates },
    streams,
    pendingInputs: { ...snapshot.pendingInputs },
    result: snapshot.result,
    error: snapshot.error ?? firstNodeError(snapshot.nodeStates),
  };
}

const STOPPED_STREAM_STATUSES: readonly string[] = ["stopping", "cancelled", "failed", "completed"];

function newStream(transformId: string, attempt: number, nextIndex: number | null): StreamView {
  return { transformId, attempt, text: "", nextIndex, pending: {}, status: "streaming", reasoning: false };
}

/** Adds one chunk; duplicates are dropped and chunks after a gap wait for it. */
export function appendChunk(stream: StreamView, index: number, delta: string): StreamView {
  const expected = stream.nextIndex ?? index;
  if (index < expected || index in stream.pending) return stream;
  if (index > expected) {
    return { ...stream, nextIndex: expected, pending: { ...stream.pending, [index]: delta } };
  }
  let text = stream.text + delta;
  let next = index + 1;
  const pending: Record<number, string> = { ...stream.pending };
  while (next in pending) {
    text += pending[next];
    delete pending[next];
    next += 1;
  }
  return { ...stream, text, nextIndex: next, pending, status: "streaming", reasoning: false };
}

function applyChunk(view: ExecutionView, event: Extract<ExecutionEvent, { type: "transform_chunk" }>): ExecutionView {
  const current = view.streams[event.nodeId];
  let stream: StreamView;
  if (!current) {
    stream = newStream(event.transformId, view.nodes[event.nodeId]?.attempt ?? 1, event.index);
  } else if (current.transformId === event.transformId || current.transformId === "") {
    // Text that arrives after the writer stopped the stream, or after it ended, is not shown.
    if (STOPPED_STREAM_STATUSES.includes(current.status)) return view;
    stream = { ...current, transformId: event.transformId };
  } else {
    // A late chunk of an earlier attempt.
    return view;
  }
  return { ...view, streams: { ...view.streams, [event.nodeId]: appendChunk(stream, event.index, event.delta) } };
}

function applyProgress(
  view: ExecutionView,
  event: Extract<ExecutionEvent, { type: "workflow_progress" }>,
): ExecutionView {
  const previous = view.nodes[event.nodeId];
  const node: NodeState = { status: event.status, attempt: previous?.attempt ?? 1 };
  if (previous?.transformId) node.transformId = previous.transformId;
  if (event.outputs !== undefined) node.outputs = event.outputs;
  if (event.error) node.error = event.error;
  const stream = view.streams[event.nodeId];
  const streams = stream
    ? { ...view.streams, [event.nodeId]: { ...stream, status: event.status, reasoning: false } }
    : view.streams;
  const finished = event.status === "completed" || event.status === "skipped";
  return {
    ...view,
    nodes: { ...view.nodes, [event.nodeId]: node },
    streams,
    pendingInputs: finished ? without(view.pendingInputs, event.nodeId) : view.pendingInputs,
    progress: event.progress === null ? view.progress : clampProgress(event.progress),
  };
}

function applyEvent(view: ExecutionView, event: ExecutionEvent): ExecutionView {
  switch (event.type) {
    case "execution_state":
      return viewFromSnapshot(event.snapshot, view.executionId, view.lastEventId);
    case "workflow_node_start": {
      const node: NodeState = { status: "running", attempt: event.attempt };
      if (event.transformId) node.transformId = event.transformId;
      const streams = event.transformId
        ? { ...view.streams, [event.nodeId]: newStream(event.transformId, event.attempt, 0) }
        : without(view.streams, event.nodeId);
      return {
        ...view,
        status: "running",
        currentNode: event.nodeId,
        nodes: { ...view.nodes, [event.nodeId]: node },
        streams,
        pendingInputs: without(view.pendingInputs, event.nodeId),
      };
    }
    case "reasoning": {
      const stream = view.streams[event.nodeId];
      if (!stream || (event.transformId && stream.transformId !== event.transformId)) return view;
      const updated = { ...stream, reasoning: event.phase === "start" };
      return { ...view, streams: { ...view.streams, [event.nodeId]: updated } };
    }
    case "transform_chunk":
      return applyChunk(view, event);
    case "user_input_required": {
      const previous = view.nodes[event.nodeId];
      return {
        ...view,
        status: "paused",
        currentNode: event.nodeId,
        nodes: { ...view.nodes, [event.nodeId]: { status: "waiting_input", attempt: previous?.attempt ?? 1 } },
        pendingInputs: { ...view.pendingInputs, [event.nodeId]: event.input },
      };
    }
    case "workflow_progress":
      return applyProgress(view, event);
    case "workflow_completed":
      return { ...view, status: "completed", progress: 100, result: event.result, pendingInputs: {} };
    case "workflow_failed":
      return { ...view, status: "failed", error: event.error ?? null };
    case "workflow_cancelled":
      return { ...view, status: "cancelled", pendingInputs: {} };
  }
}

/** Freezes the text of the named nodes' streams at once, before the server confirms the stop. */
export function stopStreams(view: ExecutionView, nodeIds: readonly string[]): ExecutionView {
  const streams = { ...view.streams };
  for (const nodeId of nodeIds) {
    const stream = streams[nodeId];
    if (stream && stream.status === "streaming") streams[nodeId] = { ...stream, status: "stopping", reasoning: false };
  }
  return { ...view, streams };
}

export function reduceExecution(view: ExecutionView, event: ExecutionEvent): ExecutionView {
  if (event.executionId && event.executionId !== view.executionId) return view;
  if (event.id !== null && event.id <= view.lastEventId) return view;
  const next = applyEvent(view, event);
  return { ...next, loaded: true, lastEventId: event.id ?? view.lastEventId };
}
