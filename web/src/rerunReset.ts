/**
 * A rerun announces only the node that runs again; the nodes downstream of it
 * are reset on the server without events of their own. The page resets them
 * too when it sees a finished node start again, so no stale form or text of
 * theirs stays on screen.
 */
import type { ExecutionEvent } from "./events";
import { reduceExecution, type ExecutionView } from "./executionReducer";

const FRESH_STATUSES: readonly (string | undefined)[] = [undefined, "pending", "running"];

function without<T>(map: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> {
  const copy = { ...map };
  for (const key of keys) delete copy[key];
  return copy;
}

export function resetNodes(view: ExecutionView, nodeIds: readonly string[]): ExecutionView {
  if (nodeIds.length === 0) return view;
  const nodes = { ...view.nodes };
  for (const nodeId of nodeIds) nodes[nodeId] = { status: "pending", attempt: view.nodes[nodeId]?.attempt ?? 0 };
  return {
    ...view,
    nodes,
    streams: without(view.streams, nodeIds),
    pendingInputs: without(view.pendingInputs, nodeIds),
    result: null,
    error: null,
  };
}

/** `reduceExecution`, resetting what is downstream of a node that starts again. */
export function reduceWithReruns(
  view: ExecutionView,
  event: ExecutionEvent,
  downstream: (nodeId: string) => readonly string[],
): ExecutionView {
  const next = reduceExecution(view, event);
  if (next === view || event.type !== "workflow_node_start") return next;
  if (FRESH_STATUSES.includes(view.nodes[event.nodeId]?.status)) return next;
  return resetNodes(next, downstream(event.nodeId));
}
