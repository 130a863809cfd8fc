/**
 * One execution, live: its event stream (EventSource, reconnecting with
 * `Last-Event-ID`), its workflow's definition, and the commands that steer it.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "./apiError";
import { cancelExecution, cancelTransform, fetchWorkflow, rerunNode } from "./apiWorkflow";
import type { ExecutionView } from "./executionReducer";
import { useUnauthorizedHandler } from "./session";
import { useExecutionStream, type ConnectionStatus } from "./useExecutionStream";
import { downstreamOf, type WorkflowDefinition } from "./workflowDefinition";

export interface WorkflowActions {
  /**
   * 停止生成: stops the named node's streaming transform (its current attempt),
   * or every running node when no node is named or its transform is unknown;
   * the text shown so far stays.
   */
  stop(nodeId?: string): Promise<void>;
  /** 重新生成 / 重试: runs a node and everything after it again. */
  rerun(nodeId: string): Promise<void>;
  /** The command in flight, if any (`stop` or `rerun:<nodeId>`). */
  busy: string | null;
  /** Why the last command failed. */
  actionError: unknown;
}

export interface Workflow extends WorkflowActions {
  executionId: string;
  view: ExecutionView;
  connection: ConnectionStatus;
  failure: unknown;
  definition: WorkflowDefinition | null;
}

function runningNodes(view: ExecutionView): string[] {
  return Object.entries(view.nodes)
    .filter(([, node]) => node.status === "running" || node.status === "streaming")
    .map(([nodeId]) => nodeId);
}

/** The transform of the node's current attempt, if the page knows it. */
export function currentTransform(view: ExecutionView, nodeId: string): string | null {
  return view.streams[nodeId]?.transformId || view.nodes[nodeId]?.transformId || null;
}

export function useWorkflow(executionId: string): Workflow {
  const [definition, setDefinition] = useState<WorkflowDefinition | null>(null);
  const downstream = useMemo(
    () => (nodeId: string) => (definition ? downstreamOf(definition, nodeId) : []),
    [definition],
  );
  const { view, connection, failure, freezeStreams } = useExecutionStream(executionId, downstream);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const onUnauthorized = useUnauthorizedHandler();
  const workflowId = view.workflowId;

  useEffect(() => {
    if (!workflowId) return undefined;
    let active = true;
    fetchWorkflow(workflowId)
      .then((found) => active && setDefinition(found))
      .catch((error: unknown) => active && onUnauthorized(error));
    return () => {
      active = false;
    };
  }, [workflowId, onUnauthorized]);

  const command = useCallback(
    async (name: string, run: () => Promise<void>) => {
      setBusy(name);
      setActionError(null);
      try {
        await run();
      } catch (error) {
        onUnauthorized(error);
        setActionError(error);
      } finally {
        setBusy(null);
      }
    },
    [onUnauthorized],
  );

  const stop = useCallback(
    async (nodeId?: string) => {
      const transformId = nodeId ? currentTransform(view, nodeId) : null;
      if (!nodeId || !transformId) {
        freezeStreams(Object.keys(view.streams).concat(runningNodes(view)));
        await command("stop", () => cancelExecution(executionId));
        return;
      }
      freezeStreams([nodeId]);
      await command("stop", async () => {
        try {
          await cancelTransform(transformId);
        } catch (error) {
          // A transform the store does not know yet: stop the whole execution instead.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          await cancelExecution(executionId);
        }
      });
    },
    [command, executionId, freezeStreams, view],
  );

  const rerun = useCallback(
    (nodeId: string) => command(`rerun:${nodeId}`, () => rerunNode(executionId, nodeId)),
    [command, executionId],
  );

  return { executionId, view, connection, failure, definition, stop, rerun, busy, actionError };
}
