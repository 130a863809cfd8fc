import { describe, expect, it } from "vitest";
import { characterTypeLabel, normaliseCharacterType, outlineFrom } from "./outline";
import {
  changedSections,
  mergeOutlineDraft,
  outlineDraft,
  parseRelationships,
  revertSection,
  splitList,
} from "./outlineEdit";
import { parsePartialJson } from "./partialJson";

describe("outline", () => {
  it("normalises character types like the server and labels them in Chinese", () => {
    expect(normaliseCharacterType("female_lead")).toBe("female_lead");
    expect(normaliseCharacterType("男主角")).toBe("male_lead");
    expect(normaliseCharacterType("大反派")).toBe("antagonist");
    expect(normaliseCharacterType("Male Second")).toBe("male_second");
    expect(normaliseCharacterType("路人")).toBe("other");
    expect(characterTypeLabel("antagonist")).toBe("反派");
    expect(characterTypeLabel("女二号")).toBe("女二");
  });

  it("reads a half-streamed outline", () => {
    const partial = outlineFrom(parsePartialJson('{"title":"闪婚","selling_points":["反差","打'));
    expect(partial.title).toBe("闪婚");
    expect(partial.selling_points).toEqual(["反差", "打"]);
    expect(partial.characters).toEqual([]);
    const characters = outlineFrom(
      parsePartialJson('{"characters":[{"name":"苏念","type":"女主","relationships":{"陆'),
    ).characters;
    expect(characters[0]).toMatchObject({ name: "苏念", type: "female_lead", relationships: {} });
  });
});

describe("outline editing", () => {
  const original = outlineFrom({
    title: "A",
    selling_points: ["1", "2"],
    characters: [{ name: "甲" }],
    synopsis_stages: ["s"],
  });

  it("keeps only the changed sections as the draft", () => {
    const edited = { ...original, title: "B", selling_points: ["1"] };
    expect(changedSections(edited, original)).toEqual(["title", "selling_points"]);
    expect(outlineDraft(edited, original)).toEqual({ title: "B", selling_points: ["1"] });
    expect(outlineDraft(original, original)).toEqual({});
  });

  it("lays the writer's changed sections over a new model version", () => {
    const regenerated = outlineFrom({
      title: "C",
      selling_points: ["x"],
      characters: [{ name: "乙" }],
      synopsis_stages: ["t"],
    });
    const merged = mergeOutlineDraft(regenerated, { title: "B" });
    expect(merged.title).toBe("B");
    expect(merged.selling_points).toEqual(["x"]);
    expect(merged.characters[0]?.name).toBe("乙");
  });

  it("reverts one section to the model's version", () => {
    const edited = { ...original, title: "B", genre: "g" };
    expect(revertSection(edited, original, "title")).toEqual({ ...original, genre: "g" });
  });

  it("parses lists and relationships as typed", () => {
    expect(splitList("冷静、 聪明,果断\n")).toEqual(["冷静", "聪明", "果断"]);
    expect(parseRelationships("陆承洲：契约夫妻\n苏雪柔: 妹妹\n周")).toEqual({
      陆承洲: "契约夫妻",
      苏雪柔: "妹妹",
      周: "",
    });
  });
});
