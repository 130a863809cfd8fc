import { beforeEach, describe, expect, it } from "vitest";
import type { ExecutionEvent } from "./events";
import { initialExecutionView, reduceExecution, stopStreams, type ExecutionView } from "./executionReducer";
import { reduceWithReruns } from "./rerunReset";
import { EXECUTION_ID, chunk, event, nodeStart, resetEventIds } from "./testEvents";

const fold = (events: ExecutionEvent[], start: ExecutionView = initialExecutionView(EXECUTION_ID)): ExecutionView =>
  events.reduce(reduceExecution, start);

beforeEach(() => resetEventIds());

describe("stopping a stream", () => {
  it("shows no text that arrives after the writer pressed stop", () => {
    const writing = fold([nodeStart("t1"), chunk("t1", 0, "前"), chunk("t1", 1, "文")]);
    const stopped = stopStreams(writing, ["generate_ideas"]);
    expect(stopped.streams.generate_ideas?.status).toBe("stopping");
    const later = fold(
      [
        chunk("t1", 2, "后来"),
        event("workflow_progress", { nodeId: "generate_ideas", status: "cancelled", progress: 33 }),
        chunk("t1", 3, "更晚"),
        event("workflow_cancelled", { status: "cancelled" }),
      ],
      stopped,
    );
    expect(later.streams.generate_ideas?.text).toBe("前文");
    expect(later.streams.generate_ideas?.status).toBe("cancelled");
    expect(later.nodes.generate_ideas?.status).toBe("cancelled");
    expect(later.status).toBe("cancelled");
  });

  it("starts from nothing when a rerun begins a new attempt", () => {
    const cancelled = fold([
      nodeStart("t1"),
      chunk("t1", 0, "旧"),
      event("workflow_progress", { nodeId: "generate_ideas", status: "cancelled", progress: 33 }),
    ]);
    const rerun = fold([nodeStart("t2", 2), chunk("t2", 0, "新"), chunk("t1", 1, "迟到的旧块")], cancelled);
    expect(rerun.streams.generate_ideas).toMatchObject({
      transformId: "t2",
      attempt: 2,
      text: "新",
      status: "streaming",
    });
    expect(rerun.status).toBe("running");
  });

  it("leaves other nodes and finished streams alone", () => {
    const view = fold([nodeStart("t1"), chunk("t1", 0, "x")]);
    expect(stopStreams(view, ["other"]).streams).toEqual(view.streams);
  });
});

describe("a rerun", () => {
  it("resets what is downstream of a finished node that starts again", () => {
    const downstream = (nodeId: string) => (nodeId === "generate_ideas" ? ["select_idea"] : []);
    const waiting = fold([
      nodeStart("t1"),
      chunk("t1", 0, "旧"),
      event("workflow_progress", {
        nodeId: "generate_ideas",
        status: "completed",
        progress: 67,
        outputs: { ideas: [] },
      }),
      event("user_input_required", { nodeId: "select_idea", initialData: { ideas: [] }, schema: {}, ui: {} }),
    ]);
    expect(waiting.pendingInputs.select_idea).toBeDefined();
    const rerun = reduceWithReruns(waiting, nodeStart("t2", 2), downstream);
    expect(rerun.nodes.select_idea?.status).toBe("pending");
    expect(rerun.pendingInputs.select_idea).toBeUndefined();
    expect(rerun.streams.generate_ideas?.transformId).toBe("t2");
    const firstRun = reduceWithReruns(initialExecutionView(EXECUTION_ID), nodeStart("t3"), downstream);
    expect(firstRun.nodes.select_idea).toBeUndefined();
  });
});
