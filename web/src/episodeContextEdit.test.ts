import { describe, expect, it } from "vitest";
import { contextFormFromInput, contextPayload, toggleCharacter } from "./episodeContextEdit";

const INITIAL = {
  episodeNumber: 2,
  seriesTitle: "闪婚总裁",
  stage: "第一阶段",
  characters: [
    { name: "苏念", type: "female_lead", description: "原" },
    { name: "陆承洲", type: "male_lead" },
    { name: "周曼丽", type: "antagonist" },
  ],
  previousSummary: "上集",
  episodeSpecificRequirements: "",
};

describe("episode context form", () => {
  it("starts with every character in", () => {
    const form = contextFormFromInput(INITIAL, undefined);
    expect(form.excluded).toEqual([]);
    expect(form.context.previousSummary).toBe("上集");
    expect(contextPayload(form).characters).toHaveLength(3);
  });

  it("submits only the characters that are in, and reads that back from the draft", () => {
    const form = toggleCharacter(contextFormFromInput(INITIAL, undefined), "周曼丽", false);
    const edited = {
      ...form,
      characters: form.characters.map((c) => (c.name === "苏念" ? { ...c, description: "改" } : c)),
      requirements: "反转",
    };
    const payload = contextPayload(edited);
    expect(payload.characters.map((c) => c.name)).toEqual(["苏念", "陆承洲"]);
    expect(payload.episodeSpecificRequirements).toBe("反转");
    const reloaded = contextFormFromInput(INITIAL, payload);
    expect(reloaded.excluded).toEqual(["周曼丽"]);
    expect(reloaded.characters.map((c) => c.name)).toEqual(["苏念", "陆承洲", "周曼丽"]);
    expect(reloaded.characters[0]?.description).toBe("改");
    expect(reloaded.requirements).toBe("反转");
    expect(toggleCharacter(reloaded, "周曼丽", true).excluded).toEqual([]);
  });
});
