/**
 * The execution event stream as an RxJS Observable.
 *
 * `EventSource` reconnects by itself after a dropped connection, sending
 * `Last-Event-ID`. When the browser gives up (the server refused the stream),
 * `watchExecution` checks the execution over plain HTTP: a real error (signed
 * out, unknown execution) ends the stream with that error; otherwise a fresh
 * connection is opened after a growing delay, and its snapshot resets the state.
 * The stream stays open after the execution finishes: a rerun, from this tab
 * or another, reopens it.
 */
import { defer, from, Observable, retry, switchMap, tap, timer } from "rxjs";
import { executionEventsUrl, fetchExecution } from "./api";
import { decodeEvent } from "./eventDecoder";
import { EXECUTION_EVENT_TYPES, type ExecutionEvent } from "./events";

export type ConnectionState = "open" | "reconnecting";

export type StreamMessage = { kind: "event"; event: ExecutionEvent } | { kind: "connection"; state: ConnectionState };

/** The part of `EventSource` the stream uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSource, ev: Event) => unknown) | null;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

const EVENT_SOURCE_CLOSED = 2;
const MAX_RETRY_DELAY_MS = 15_000;

export class StreamClosedError extends Error {
  override readonly name = "StreamClosedError";
}

const openEventSource: EventSourceFactory = (url) => new EventSource(url);

/** One EventSource connection; errors with `StreamClosedError` when the browser gives up on it. */
export function eventSourceMessages(
  url: string,
  open: EventSourceFactory = openEventSource,
): Observable<StreamMessage> {
  return new Observable<StreamMessage>((subscriber) => {
    const source = open(url);
    const listeners = EXECUTION_EVENT_TYPES.map((type) => {
      const listener = (message: MessageEvent): void => {
        const data = typeof message.data === "string" ? message.data : "";
        const event = decodeEvent(type, message.lastEventId ?? "", data);
        if (event) subscriber.next({ kind: "event", event });
      };
      source.addEventListener(type, listener);
      return { type, listener };
    });
    source.onopen = () => subscriber.next({ kind: "connection", state: "open" });
    source.onerror = () => {
      subscriber.next({ kind: "connection", state: "reconnecting" });
      if (source.readyState === EVENT_SOURCE_CLOSED) {
        subscriber.error(new StreamClosedError("事件流已断开"));
      }
    };
    return () => {
      for (const { type, listener } of listeners) source.removeEventListener(type, listener);
      source.onopen = null;
      source.onerror = null;
      source.close();
    };
  });
}

export interface WatchOptions {
  open?: EventSourceFactory;
  /** Resolves when the execution is still reachable; rejects with the reason it is not. */
  checkExecution?: (executionId: string) => Promise<unknown>;
}

function retryDelay(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

/** Every event of one execution, across reconnections, until unsubscribed. */
export function watchExecution(executionId: string, options: WatchOptions = {}): Observable<StreamMessage> {
  const open = options.open ?? openEventSource;
  const checkExecution = options.checkExecution ?? fetchExecution;
  return defer(() => {
    // Failed connections in a row, since the last one that opened.
    let failures = 0;
    return defer(() => eventSourceMessages(executionEventsUrl(executionId), open)).pipe(
      tap((message) => {
        if (message.kind === "connection" && message.state === "open") failures = 0;
      }),
      retry({
        delay: () => {
          failures += 1;
          return from(checkExecution(executionId)).pipe(switchMap(() => timer(retryDelay(failures))));
        },
      }),
    );
  });
}
