import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./apiError";
import { watchExecution, type EventSourceLike, type StreamMessage } from "./eventStream";

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  onopen: EventSourceLike["onopen"] = null;
  onerror: EventSourceLike["onerror"] = null;
  private readonly listeners = new Map<string, Set<(event: MessageEvent) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as EventSource, new Event("open"));
  }

  emit(type: string, id: number, data: Record<string, unknown>): void {
    const message = new MessageEvent(type, {
      data: JSON.stringify({ executionId: "e1", ...data }),
      lastEventId: String(id),
    });
    for (const listener of this.listeners.get(type) ?? []) listener(message);
  }

  fail(readyState: number): void {
    this.readyState = readyState;
    this.onerror?.call(this as unknown as EventSource, new Event("error"));
  }
}

function watch(checkExecution: () => Promise<unknown> = () => Promise.resolve()) {
  const sources: FakeEventSource[] = [];
  const messages: StreamMessage[] = [];
  const outcome: { error: unknown; completed: boolean } = { error: null, completed: false };
  const subscription = watchExecution("e1", {
    open: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    checkExecution,
  }).subscribe({
    next: (message) => messages.push(message),
    error: (error: unknown) => (outcome.error = error),
    complete: () => (outcome.completed = true),
  });
  return { sources, messages, outcome, subscription };
}

const eventTypes = (messages: StreamMessage[]): string[] =>
  messages.flatMap((message) => (message.kind === "event" ? [message.event.type] : []));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("watchExecution", () => {
  it("opens the execution's event stream and decodes its events", () => {
    const { sources, messages, subscription } = watch();
    expect(sources[0]?.url).toBe("/api/workflow/execution/e1/events");
    sources[0]?.open();
    sources[0]?.emit("workflow_node_start", 5, { nodeId: "generate_ideas", attempt: 1, transformId: "t" });
    expect(messages[0]).toEqual({ kind: "connection", state: "open" });
    expect(eventTypes(messages)).toEqual(["workflow_node_start"]);
    subscription.unsubscribe();
    expect(sources[0]?.closed).toBe(true);
  });

  it("leaves a dropped connection to the browser's own reconnect", () => {
    const { sources, messages, outcome, subscription } = watch();
    sources[0]?.fail(0);
    expect(messages.at(-1)).toEqual({ kind: "connection", state: "reconnecting" });
    expect(outcome.error).toBeNull();
    expect(sources).toHaveLength(1);
    subscription.unsubscribe();
  });

  it("keeps listening after a terminal event, since a rerun reopens the execution", () => {
    const { sources, messages, outcome, subscription } = watch();
    sources[0]?.emit("workflow_completed", 9, { status: "completed", result: { artifactId: "a" } });
    sources[0]?.emit("workflow_node_start", 10, { nodeId: "generate_ideas", attempt: 2, transformId: "t2" });
    expect(eventTypes(messages)).toEqual(["workflow_completed", "workflow_node_start"]);
    expect(outcome.completed).toBe(false);
    expect(sources[0]?.closed).toBe(false);
    subscription.unsubscribe();
    expect(sources[0]?.closed).toBe(true);
  });

  it("opens a fresh connection when the browser gives up but the execution is reachable", async () => {
    const check = vi.fn(() => Promise.resolve());
    const { sources, subscription } = watch(check);
    sources[0]?.fail(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(check).toHaveBeenCalledTimes(1);
    expect(sources).toHaveLength(2);
    sources[1]?.fail(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sources).toHaveLength(3);
    subscription.unsubscribe();
  });

  it("ends with the reason when the execution cannot be reached", async () => {
    const refused = new ApiError(404, "not_found", "execution not found");
    const { sources, outcome } = watch(() => Promise.reject(refused));
    sources[0]?.fail(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome.error).toBe(refused);
  });
});
