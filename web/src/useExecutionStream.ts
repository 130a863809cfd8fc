/** Subscribes to one execution's event stream and folds it into an `ExecutionView`. */
import { useEffect, useReducer, useState } from "react";
import { watchExecution } from "./eventStream";
import { initialExecutionView, reduceExecution, type ExecutionView } from "./executionReducer";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "ended";

export interface ExecutionStream {
  view: ExecutionView;
  connection: ConnectionStatus;
  /** Why the stream stopped for good (signed out, unknown execution), if it did. */
  failure: unknown;
}

export function useExecutionStream(executionId: string): ExecutionStream {
  const [view, dispatch] = useReducer(reduceExecution, executionId, initialExecutionView);
  const [connection, setConnection] = useState<ConnectionStatus>("connecting");
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    setFailure(null);
    setConnection("connecting");
    const subscription = watchExecution(executionId).subscribe({
      next: (message) => {
        if (message.kind === "event") dispatch(message.event);
        else setConnection(message.state);
      },
      error: (error: unknown) => {
        setFailure(error);
        setConnection("ended");
      },
      complete: () => setConnection("ended"),
    });
    return () => subscription.unsubscribe();
  }, [executionId]);

  return { view, connection, failure };
}
