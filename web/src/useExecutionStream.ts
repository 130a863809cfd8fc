/**
 * Subscribes to one execution's event stream and folds it into an `ExecutionView`.
 * Events are applied once per animation frame, however fast chunks arrive.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { watchExecution, type StreamMessage } from "./eventStream";
import type { ExecutionEvent } from "./events";
import { initialExecutionView, stopStreams, type ExecutionView } from "./executionReducer";
import { bufferToFrames } from "./frameBatch";
import { reduceWithReruns } from "./rerunReset";
import { usePageVisible } from "./usePageVisible";

const HIDDEN_TAB_GRACE_MS = 30_000;

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "ended";

export interface ExecutionStream {
  view: ExecutionView;
  connection: ConnectionStatus;
  /** Why the stream stopped for good (signed out, unknown execution), if it did. */
  failure: unknown;
  /** Freezes the named nodes' text now; the server's confirmation follows on the stream. */
  freezeStreams(nodeIds: readonly string[]): void;
}

/** The nodes downstream of a node, once the workflow's definition is known. */
export type Downstream = (nodeId: string) => readonly string[];

type StreamAction =
  | { kind: "events"; events: readonly ExecutionEvent[]; downstream: Downstream }
  | { kind: "freeze"; nodeIds: readonly string[] };

function reduceStream(view: ExecutionView, action: StreamAction): ExecutionView {
  if (action.kind === "freeze") return stopStreams(view, action.nodeIds);
  return action.events.reduce((current, event) => reduceWithReruns(current, event, action.downstream), view);
}

function lastConnectionState(batch: readonly StreamMessage[]): ConnectionStatus | null {
  for (let index = batch.length - 1; index >= 0; index -= 1) {
    const message = batch[index];
    if (message?.kind === "connection") return message.state;
  }
  return null;
}

export function useExecutionStream(executionId: string, downstream: Downstream = () => []): ExecutionStream {
  const [view, dispatch] = useReducer(reduceStream, executionId, initialExecutionView);
  const downstreamRef = useRef(downstream);
  useEffect(() => {
    downstreamRef.current = downstream;
  });
  const [connection, setConnection] = useState<ConnectionStatus>("connecting");
  const [failure, setFailure] = useState<unknown>(null);

  const visible = usePageVisible(HIDDEN_TAB_GRACE_MS);

  useEffect(() => {
    // A tab hidden for a while lets its stream go; shown again, it reconnects and the snapshot catches up.
    if (!visible) return undefined;
    setFailure(null);
    setConnection("connecting");
    const subscription = watchExecution(executionId)
      .pipe(bufferToFrames())
      .subscribe({
        next: (batch) => {
          const events = batch.flatMap((message) => (message.kind === "event" ? [message.event] : []));
          if (events.length > 0) dispatch({ kind: "events", events, downstream: downstreamRef.current });
          const state = lastConnectionState(batch);
          // An event proves the connection works, whatever the last connection message said.
          if (state !== null) setConnection(state);
          else if (events.length > 0) setConnection("open");
        },
        error: (error: unknown) => {
          setFailure(error);
          setConnection("ended");
        },
        complete: () => setConnection("ended"),
      });
    return () => subscription.unsubscribe();
  }, [executionId, visible]);

  const freezeStreams = useCallback((nodeIds: readonly string[]) => dispatch({ kind: "freeze", nodeIds }), []);

  return { view, connection, failure, freezeStreams };
}
