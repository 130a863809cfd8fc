import { describe, expect, it, vi } from "vitest";
import type { Artifact, NodeInput } from "./api";
import { ApiError } from "./apiError";
import { loadFinalIdea, type FinalIdeaSources } from "./finalIdea";
import type { Idea } from "./ideas";

const IDEAS: Idea[] = [{ artifactId: "a", title: "逆袭千金", body: "原梗概", genre: null, orderIndex: 0 }];

function sources(artifact: Artifact | Error, input: NodeInput | Error): FinalIdeaSources {
  return {
    fetchArtifact: vi.fn(() => (artifact instanceof Error ? Promise.reject(artifact) : Promise.resolve(artifact))),
    fetchInput: vi.fn(() => (input instanceof Error ? Promise.reject(input) : Promise.resolve(input))),
  };
}

const submittedInput = (data: unknown): NodeInput => ({ nodeId: "select_idea", version: 3, data, submitted: true });
const query = (artifactId: string | null) => ({ executionId: "e1", artifactId, ideas: IDEAS });

describe("loadFinalIdea", () => {
  it("reads the result artifact", async () => {
    const from = sources(
      {
        id: "u",
        type: "user_input",
        data: { originalArtifactId: "a", modifications: { title: "新" } },
        executionId: "e1",
        createdAt: null,
      },
      new Error("unused"),
    );
    await expect(loadFinalIdea(from, query("u"))).resolves.toEqual({ title: "新", body: "原梗概" });
    expect(from.fetchInput).not.toHaveBeenCalled();
  });

  it("falls back to the data submitted to select_idea", async () => {
    const from = sources(
      new ApiError(404, "not_found", ""),
      submittedInput({ selectedIdeaId: "a", title: "改", body: "改过" }),
    );
    await expect(loadFinalIdea(from, query("gone"))).resolves.toEqual({ title: "改", body: "改过" });
    const withoutResult = sources(new Error("unused"), submittedInput({ selectedIdeaId: "a" }));
    await expect(loadFinalIdea(withoutResult, query(null))).resolves.toEqual({ title: "逆袭千金", body: "原梗概" });
  });

  it("rejects with the first failure when nothing answers", async () => {
    const refused = new ApiError(401, "unauthorized", "");
    await expect(loadFinalIdea(sources(refused, new Error("second")), query("x"))).rejects.toBe(refused);
    await expect(loadFinalIdea(sources(new Error("unused"), submittedInput(null)), query(null))).resolves.toBeNull();
  });
});
