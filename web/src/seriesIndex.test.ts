import { describe, expect, it } from "vitest";
import type { Artifact, ExecutionSummary } from "./api";
import { filterItems, homeItems } from "./homeItems";
import { latestEpisodes } from "./seriesEpisodes";
import { episodeOrigin, episodeSlots, nextEpisodeNumber, rememberEpisode, type KeyValueStore } from "./seriesIndex";

function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const execution = (
  executionId: string,
  workflowId: string,
  status: string,
  createdAt: string,
  inputs: Record<string, unknown> = {},
  result: { artifactId: string } | null = null,
): ExecutionSummary => ({
  executionId,
  workflowId,
  status,
  currentNode: null,
  progress: status === "completed" ? 100 : 40,
  createdAt,
  updatedAt: createdAt,
  inputs,
  result,
});

const artifact = (
  id: string,
  type: string,
  executionId: string,
  data: unknown,
  createdAt = "2026-01-01T00:00:00Z",
): Artifact => ({
  id,
  type,
  executionId,
  data,
  createdAt,
});

describe("series index", () => {
  it("remembers which outline and episode an execution was started for", () => {
    const store = memoryStore();
    rememberEpisode("e1", { outlineArtifactId: "o1", episodeNumber: 1 }, store);
    rememberEpisode("e2", { outlineArtifactId: "o1", episodeNumber: 2 }, store);
    expect(episodeOrigin("e2", store)).toEqual({ outlineArtifactId: "o1", episodeNumber: 2 });
    expect(episodeOrigin("missing", store)).toBeNull();
  });

  it("fills one slot per episode from the index and the outline's descendants, latest execution first", () => {
    const store = memoryStore();
    rememberEpisode("e1", { outlineArtifactId: "o1", episodeNumber: 1 }, store);
    rememberEpisode("e1b", { outlineArtifactId: "o1", episodeNumber: 1 }, store);
    rememberEpisode("other", { outlineArtifactId: "o2", episodeNumber: 1 }, store);
    const descendants = [
      artifact("c3", "episode_context", "e3", { episodeNumber: 3 }),
      artifact("p3", "episode", "e3", { episodeNumber: 3, title: "第三集标题" }),
    ];
    const executions = [
      execution("e1", "episode", "failed", "2026-01-01T00:00:01Z"),
      execution("e1b", "episode", "completed", "2026-01-01T00:00:02Z"),
      execution("e3", "episode", "paused", "2026-01-01T00:00:03Z"),
    ];
    const slots = episodeSlots("o1", 4, descendants, executions, store);
    expect(slots.map((slot) => [slot.episodeNumber, slot.executionId, slot.status, slot.title])).toEqual([
      [1, "e1b", "completed", ""],
      [2, null, "none", ""],
      [3, "e3", "paused", "第三集标题"],
      [4, null, "none", ""],
    ]);
    expect(nextEpisodeNumber(slots)).toBe(2);
  });

  it("links episodes started elsewhere through their executions' inputs", () => {
    const executions = [
      execution("e2", "episode", "running", "2026-01-01T00:00:01Z", { outlineArtifactId: "o1", episodeNumber: 2 }),
      execution("x", "episode", "running", "2026-01-01T00:00:02Z", { outlineArtifactId: "o2", episodeNumber: 1 }),
    ];
    const slots = episodeSlots("o1", 2, [], executions, memoryStore());
    expect(slots.map((slot) => [slot.episodeNumber, slot.executionId, slot.status])).toEqual([
      [1, null, "none"],
      [2, "e2", "running"],
    ]);
  });

  it("takes the newest text of each episode for the series export", () => {
    const episodes = latestEpisodes([
      artifact("a", "episode", "e1", { episodeNumber: 1, title: "旧", content: "x" }, "2026-01-01T00:00:01Z"),
      artifact("b", "episode", "e1", { episodeNumber: 1, title: "新", content: "y" }, "2026-01-01T00:00:02Z"),
      artifact("c", "episode_summary", "e2", { summary: "s" }),
    ]);
    expect(episodes).toEqual([{ episodeNumber: 1, title: "新", content: "y" }]);
  });
});

describe("home items", () => {
  it("titles each execution by what it produced", () => {
    const items = homeItems(
      [
        execution("b", "brainstorming", "completed", "1"),
        execution("o", "outline", "paused", "2"),
        execution("e", "episode", "paused", "3"),
        execution("n", "episode", "running", "4"),
      ],
      [
        artifact("i1", "brainstorm_idea", "b", { title: "甲", orderIndex: 0 }),
        artifact("i2", "brainstorm_idea", "b", { title: "乙", orderIndex: 1 }),
        artifact("ol", "outline", "o", { title: "闪婚总裁" }),
        artifact("ctx", "episode_context", "e", { episodeNumber: 2, seriesTitle: "闪婚总裁" }),
      ],
    );
    expect(items.map((item) => item.title)).toEqual(["甲 / 乙", "《闪婚总裁》", "《闪婚总裁》第2集", ""]);
    expect(filterItems(items, "episode").map((item) => item.executionId)).toEqual(["e", "n"]);
  });

  it("titles from the result and the inputs before anything is produced", () => {
    const items = homeItems(
      [
        execution("b", "brainstorming", "completed", "1", {}, { artifactId: "pick" }),
        execution("o", "outline", "running", "2", { sourceArtifactId: "pick" }),
        execution("e", "episode", "running", "3", { outlineArtifactId: "ol", episodeNumber: 3 }),
      ],
      [
        artifact("i1", "brainstorm_idea", "b", { title: "甲", orderIndex: 0 }),
        artifact("pick", "user_input", "b", { originalArtifactId: "i1", modifications: {} }),
        artifact("ol", "outline", "o0", { title: "闪婚总裁" }),
      ],
    );
    expect(items.map((item) => item.title)).toEqual(["甲", "《甲》", "《闪婚总裁》第3集"]);
  });
});
