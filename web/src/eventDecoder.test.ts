import { describe, expect, it } from "vitest";
import { decodeEvent, decodeSnapshot } from "./eventDecoder";
import { isTerminalEvent } from "./events";

const data = (fields: Record<string, unknown>): string => JSON.stringify({ executionId: "e1", ...fields });

describe("decodeEvent", () => {
  it("reads ids and the common fields", () => {
    const event = decodeEvent(
      "transform_chunk",
      "17",
      data({ nodeId: "generate_ideas", transformId: "t1", index: 0, delta: "{" }),
    );
    expect(event).toEqual({
      type: "transform_chunk",
      id: 17,
      executionId: "e1",
      nodeId: "generate_ideas",
      transformId: "t1",
      index: 0,
      delta: "{",
    });
  });

  it("rejects unreadable messages instead of throwing", () => {
    expect(decodeEvent("transform_chunk", "1", "not json")).toBeNull();
    expect(decodeEvent("transform_chunk", "1", data({ nodeId: "n" }))).toBeNull();
    expect(decodeEvent("something_else", "1", data({}))).toBeNull();
    expect(decodeEvent("workflow_progress", "x", data({ nodeId: "n", status: "completed" }))?.id).toBeNull();
  });

  it("fills the ui defaults of an input request", () => {
    const event = decodeEvent(
      "user_input_required",
      "3",
      data({ nodeId: "collect_requirements", initialData: { platform: "抖音" } }),
    );
    expect(event).toMatchObject({
      type: "user_input_required",
      input: { initialData: { platform: "抖音" }, ui: { autoSave: true, debounceMs: 800 } },
    });
    const custom = decodeEvent(
      "user_input_required",
      "4",
      data({ nodeId: "n", initialData: {}, ui: { debounceMs: 300, autoSave: false } }),
    );
    expect(custom).toMatchObject({ input: { ui: { autoSave: false, debounceMs: 300 } } });
  });

  it("reads progress, completion and failure", () => {
    expect(
      decodeEvent(
        "workflow_progress",
        "5",
        data({
          nodeId: "generate_ideas",
          status: "failed",
          progress: 40,
          error: { code: "llm_error", message: "模型超时", retryable: true },
        }),
      ),
    ).toMatchObject({
      status: "failed",
      progress: 40,
      error: { code: "llm_error", message: "模型超时", retryable: true },
    });
    expect(
      decodeEvent("workflow_completed", "6", data({ status: "completed", result: { artifactId: "a9" } })),
    ).toMatchObject({ result: { artifactId: "a9" } });
    expect(decodeEvent("workflow_failed", "7", data({ status: "failed", error: { message: "坏了" } }))).toMatchObject({
      error: { code: "error", message: "坏了" },
    });
  });
});

describe("decodeSnapshot", () => {
  it("reads a full snapshot", () => {
    const snapshot = decodeSnapshot({
      executionId: "e1",
      execution: {
        executionId: "e1",
        workflowId: "brainstorming",
        status: "paused",
        currentNode: "select_idea",
        progress: 66,
        createdAt: "2024-01-01T00:00:00Z",
        inputs: { sourceArtifactId: "a1" },
      },
      currentNode: "select_idea",
      nodeStates: { generate_ideas: { status: "completed", attempt: 1, outputs: { ideas: [] }, transformId: "t1" } },
      streamingStates: { generate_ideas: { transformId: "t1", text: "{}", status: "completed" } },
      pendingInputs: {
        select_idea: {
          initialData: { ideas: [], selectedIdeaId: null },
          schema: {},
          ui: { debounceMs: 500 },
          draft: { selectedIdeaId: "i1" },
        },
      },
    });
    expect(snapshot).toMatchObject({
      executionId: "e1",
      inputs: { sourceArtifactId: "a1" },
      workflowId: "brainstorming",
      status: "paused",
      currentNode: "select_idea",
      progress: 66,
      nodeStates: { generate_ideas: { status: "completed", attempt: 1, transformId: "t1" } },
      streamingStates: { generate_ideas: { text: "{}" } },
      pendingInputs: { select_idea: { ui: { debounceMs: 500, autoSave: true }, draft: { selectedIdeaId: "i1" } } },
      result: null,
    });
  });

  it("treats a terminal snapshot as the end of the stream", () => {
    const terminal = decodeEvent("execution_state", "9", data({ execution: { status: "completed" } }));
    const running = decodeEvent("execution_state", "9", data({ execution: { status: "running" } }));
    expect(terminal && isTerminalEvent(terminal)).toBe(true);
    expect(running && isTerminalEvent(running)).toBe(false);
  });
});
