import { describe, expect, it } from "vitest";
import { decodePendingInput } from "./eventDecoder";
import {
  initialSelection,
  ideaTextFromArtifact,
  ideaTextFromOutputs,
  pickIdea,
  resultArtifactIdFromOutputs,
  selectionFromInput,
  selectionPayload,
} from "./ideaSelection";
import type { Idea } from "./ideas";

const IDEAS: Idea[] = [
  { artifactId: "a", title: "逆袭千金", body: "原梗概甲", genre: "甜宠", orderIndex: 0 },
  { artifactId: "b", title: "闪婚总裁", body: "原梗概乙", genre: "霸总", orderIndex: 1 },
];

describe("selectionFromInput", () => {
  it("starts with nothing selected", () => {
    const input = decodePendingInput({ initialData: { ideas: IDEAS, selectedIdeaId: null } });
    expect(selectionFromInput(input, IDEAS)).toEqual({ selectedIdeaId: null, title: "", body: "" });
  });

  it("restores a draft, with the idea's text where the draft has none", () => {
    const input = decodePendingInput({
      initialData: { ideas: IDEAS, selectedIdeaId: null },
      draft: { selectedIdeaId: "b", title: "改过的标题" },
    });
    expect(selectionFromInput(input, IDEAS)).toEqual({ selectedIdeaId: "b", title: "改过的标题", body: "原梗概乙" });
  });
});

describe("initialSelection", () => {
  const input = decodePendingInput({ initialData: { ideas: IDEAS, selectedIdeaId: null } });

  it("takes a card clicked before the choice was asked for", () => {
    expect(initialSelection(input, IDEAS, "b")).toEqual({ selectedIdeaId: "b", title: "闪婚总裁", body: "原梗概乙" });
    expect(initialSelection(input, IDEAS, "unknown").selectedIdeaId).toBeNull();
    expect(initialSelection(input, IDEAS, null).selectedIdeaId).toBeNull();
  });

  it("lets a saved draft win over the early click", () => {
    const drafted = decodePendingInput({ initialData: { ideas: IDEAS }, draft: { selectedIdeaId: "a" } });
    expect(initialSelection(drafted, IDEAS, "b").selectedIdeaId).toBe("a");
  });
});

describe("picking and the payload", () => {
  it("starts an edit from the picked idea's own text and keeps edits of the same idea", () => {
    const picked = pickIdea({ selectedIdeaId: null, title: "", body: "" }, IDEAS[0]!);
    expect(picked).toEqual({ selectedIdeaId: "a", title: "逆袭千金", body: "原梗概甲" });
    const edited = { ...picked, title: "新标题" };
    expect(pickIdea(edited, IDEAS[0]!)).toBe(edited);
    expect(pickIdea(edited, IDEAS[1]!).title).toBe("闪婚总裁");
  });

  it("sends exactly three keys", () => {
    const payload = selectionPayload({ selectedIdeaId: "a", title: "t", body: "b", extra: 1 } as never);
    expect(Object.keys(payload).sort()).toEqual(["body", "selectedIdeaId", "title"]);
  });
});

describe("the final idea", () => {
  it("reads a brainstorm_idea artifact", () => {
    expect(ideaTextFromArtifact({ title: "T", body: "B", genre: "g", orderIndex: 0 }, IDEAS)).toEqual({
      title: "T",
      body: "B",
    });
  });

  it("applies a user_input artifact's modifications to the original idea", () => {
    expect(ideaTextFromArtifact({ originalArtifactId: "a", modifications: { title: "新标题" } }, IDEAS)).toEqual({
      title: "新标题",
      body: "原梗概甲",
    });
    expect(
      ideaTextFromArtifact(
        { originalArtifactId: "b", modifications: { body: { from: "原梗概乙", to: "新梗概" } } },
        IDEAS,
      ),
    ).toEqual({ title: "闪婚总裁", body: "新梗概" });
    expect(
      ideaTextFromArtifact({ originalArtifactId: "b", modifications: [{ field: "title", to: "列表式" }] }, IDEAS),
    ).toEqual({ title: "列表式", body: "原梗概乙" });
    expect(ideaTextFromArtifact({ originalArtifactId: "zzz", modifications: {} }, IDEAS)).toBeNull();
    expect(ideaTextFromArtifact(null, IDEAS)).toBeNull();
  });

  it("finds the result in node outputs of several shapes", () => {
    expect(ideaTextFromOutputs({ title: "T", body: "B" }, IDEAS)).toEqual({ title: "T", body: "B" });
    expect(ideaTextFromOutputs({ idea: { data: { title: "T2", body: "B2" } } }, IDEAS)).toEqual({
      title: "T2",
      body: "B2",
    });
    expect(ideaTextFromOutputs({ selectedIdeaId: "b" }, IDEAS)).toEqual({ title: "闪婚总裁", body: "原梗概乙" });
    expect(ideaTextFromOutputs({ resultArtifactId: "b", selectedIdeaId: "b" }, IDEAS)).toEqual({
      title: "闪婚总裁",
      body: "原梗概乙",
    });
    // An edit is its own artifact: the original idea's text is not the result.
    expect(ideaTextFromOutputs({ resultArtifactId: "edit-1", selectedIdeaId: "b" }, IDEAS)).toBeNull();
    expect(resultArtifactIdFromOutputs({ resultArtifactId: "edit-1", selectedIdeaId: "b" })).toBe("edit-1");
    expect(ideaTextFromOutputs(undefined, IDEAS)).toBeNull();
    expect(resultArtifactIdFromOutputs({ result: { artifactId: "r" } })).toBe("r");
    expect(resultArtifactIdFromOutputs({})).toBeNull();
  });
});
