import { beforeEach, describe, expect, it } from "vitest";
import type { ExecutionEvent } from "./events";
import { appendChunk, initialExecutionView, reduceExecution, type ExecutionView } from "./executionReducer";
import { EXECUTION_ID, chunk, event, nodeStart, resetEventIds, splitIntoDeltas } from "./testEvents";

const fold = (events: ExecutionEvent[], start: ExecutionView = initialExecutionView(EXECUTION_ID)): ExecutionView =>
  events.reduce(reduceExecution, start);

const snapshot = (fields: Record<string, unknown>, id?: number): ExecutionEvent =>
  event(
    "execution_state",
    {
      execution: {
        executionId: EXECUTION_ID,
        workflowId: "brainstorming",
        status: "paused",
        currentNode: "collect_requirements",
        progress: 0,
      },
      currentNode: "collect_requirements",
      nodeStates: {},
      streamingStates: {},
      pendingInputs: {},
      ...fields,
    },
    id,
  );

beforeEach(() => resetEventIds());

describe("reduceExecution: snapshots and ids", () => {
  it("starts empty and loads a snapshot", () => {
    const view = fold([
      snapshot({
        pendingInputs: {
          collect_requirements: { initialData: { platform: "抖音" }, draft: { platform: "快手" }, schema: {}, ui: {} },
        },
      }),
    ]);
    expect(view.loaded).toBe(true);
    expect(view.status).toBe("paused");
    expect(view.lastEventId).toBe(1);
    expect(view.pendingInputs.collect_requirements?.draft).toEqual({ platform: "快手" });
  });

  it("ignores events at or below the last applied id", () => {
    const start = fold([snapshot({}, 10)]);
    const stale = event("workflow_progress", { nodeId: "collect_requirements", status: "completed", progress: 30 }, 10);
    const older = event("workflow_progress", { nodeId: "collect_requirements", status: "completed", progress: 30 }, 4);
    expect(fold([stale, older], start)).toBe(start);
    const fresh = event("workflow_progress", { nodeId: "collect_requirements", status: "completed", progress: 30 }, 11);
    expect(fold([fresh], start).progress).toBe(30);
  });

  it("treats execution_state as a full reset", () => {
    const busy = fold([snapshot({}), nodeStart("t1"), chunk("t1", 0, '{"ideas"')]);
    expect(busy.streams.generate_ideas?.text).toBe('{"ideas"');
    const reset = fold(
      [
        snapshot({
          execution: { executionId: EXECUTION_ID, workflowId: "brainstorming", status: "running", progress: 50 },
          streamingStates: { generate_ideas: { transformId: "t1", text: '{"ideas":[', status: "streaming" } },
        }),
      ],
      busy,
    );
    expect(reset.streams.generate_ideas?.text).toBe('{"ideas":[');
    expect(reset.progress).toBe(50);
    expect(reset.pendingInputs).toEqual({});
  });

  it("ignores events of another execution", () => {
    const start = fold([snapshot({})]);
    const foreign = reduceExecution(start, { ...event("workflow_failed", { status: "failed" }), executionId: "other" });
    expect(foreign).toBe(start);
  });
});

describe("reduceExecution: streaming text", () => {
  it("concatenates chunks in index order", () => {
    const text = '{"ideas":[{"title":"逆袭千金","body":"她回来了"}]}';
    const view = fold([snapshot({}), nodeStart("t1"), ...splitIntoDeltas(text).map((d, i) => chunk("t1", i, d))]);
    expect(view.streams.generate_ideas?.text).toBe(text);
    expect(view.streams.generate_ideas?.status).toBe("streaming");
  });

  it("drops duplicate chunks and waits for a missing one", () => {
    const view = fold([
      snapshot({}),
      nodeStart("t1"),
      chunk("t1", 0, "ab"),
      chunk("t1", 0, "ab"),
      chunk("t1", 2, "ef"),
    ]);
    expect(view.streams.generate_ideas?.text).toBe("ab");
    const filled = fold([chunk("t1", 1, "cd"), chunk("t1", 2, "XX")], view);
    expect(filled.streams.generate_ideas?.text).toBe("abcdef");
  });

  it("continues a snapshot's text with the chunks after it", () => {
    const view = fold([
      snapshot({ streamingStates: { generate_ideas: { transformId: "t1", text: '{"ide', status: "streaming" } } }, 40),
      chunk("t1", 7, 'as":', 41),
      chunk("t1", 8, "[", 42),
    ]);
    expect(view.streams.generate_ideas?.text).toBe('{"ideas":[');
  });

  it("drops an earlier attempt's text and its late chunks", () => {
    const view = fold([
      snapshot({}),
      nodeStart("t1", 1),
      chunk("t1", 0, '{"ideas":[{"title":"旧'),
      nodeStart("t2", 2),
      chunk("t1", 1, "的"),
      chunk("t2", 0, '{"ideas":[{"title":"新'),
    ]);
    expect(view.streams.generate_ideas).toMatchObject({
      transformId: "t2",
      attempt: 2,
      text: '{"ideas":[{"title":"新',
    });
  });

  it("marks reasoning until the first visible chunk", () => {
    const thinking = fold([
      snapshot({}),
      nodeStart("t1"),
      event("reasoning", { nodeId: "generate_ideas", transformId: "t1", phase: "start" }),
    ]);
    expect(thinking.streams.generate_ideas?.reasoning).toBe(true);
    expect(fold([chunk("t1", 0, "{")], thinking).streams.generate_ideas?.reasoning).toBe(false);
  });

  it("appendChunk is a no-op for an index already applied", () => {
    const stream = {
      transformId: "t",
      attempt: 1,
      text: "ab",
      nextIndex: 2,
      pending: {},
      status: "streaming",
      reasoning: false,
    };
    expect(appendChunk(stream, 1, "b")).toBe(stream);
  });
});

describe("reduceExecution: inputs, progress and the end", () => {
  it("records input requests and clears them when the node completes", () => {
    const asked = fold([
      snapshot({}),
      event("user_input_required", {
        nodeId: "select_idea",
        initialData: { ideas: [], selectedIdeaId: null },
        schema: {},
        ui: { debounceMs: 500 },
      }),
    ]);
    expect(asked.status).toBe("paused");
    expect(asked.pendingInputs.select_idea?.ui.debounceMs).toBe(500);
    const done = fold(
      [event("workflow_progress", { nodeId: "select_idea", status: "completed", progress: 100 })],
      asked,
    );
    expect(done.pendingInputs.select_idea).toBeUndefined();
    expect(done.progress).toBe(100);
  });

  it("keeps the outputs of a completed llm node and ends its stream", () => {
    const ideas = [{ artifactId: "a1", title: "T", body: "B", genre: "甜宠", orderIndex: 0 }];
    const view = fold([
      snapshot({}),
      nodeStart("t1"),
      chunk("t1", 0, "{"),
      event("workflow_progress", { nodeId: "generate_ideas", status: "completed", progress: 66, outputs: { ideas } }),
    ]);
    expect(view.nodes.generate_ideas).toMatchObject({ status: "completed", outputs: { ideas } });
    expect(view.streams.generate_ideas?.status).toBe("completed");
    expect(view.progress).toBe(66);
  });

  it("records a node failure", () => {
    const view = fold([
      snapshot({}),
      nodeStart("t1"),
      event("workflow_progress", {
        nodeId: "generate_ideas",
        status: "failed",
        progress: 40,
        error: { code: "llm_error", message: "超时" },
      }),
      event("workflow_failed", { status: "failed", error: { code: "llm_error", message: "生成失败" } }),
    ]);
    expect(view.nodes.generate_ideas?.error?.message).toBe("超时");
    expect(view.status).toBe("failed");
    expect(view.error?.message).toBe("生成失败");
  });

  it("completes with the result", () => {
    const view = fold([
      snapshot({}),
      event("workflow_completed", { status: "completed", result: { artifactId: "r1" } }),
    ]);
    expect(view).toMatchObject({ status: "completed", progress: 100, result: { artifactId: "r1" } });
  });

  it("ends in the same state when a reconnect replays events it already had", () => {
    const events = [snapshot({}), nodeStart("t1"), ...splitIntoDeltas('{"ideas":[]}').map((d, i) => chunk("t1", i, d))];
    const once = fold(events);
    expect(fold(events.slice(1), once)).toEqual(once);
  });
});
