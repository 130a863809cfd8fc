/** Editing an outline: its sections, which differ from the model's version, and reverting one. */
import type { Character, Outline } from "./outline";

export type OutlineSection =
  | "title"
  | "genre"
  | "target_audience"
  | "selling_points"
  | "satisfaction_points"
  | "setting"
  | "characters"
  | "synopsis_stages";

export const OUTLINE_SECTIONS: readonly { key: OutlineSection; label: string }[] = [
  { key: "title", label: "剧名" },
  { key: "genre", label: "类型" },
  { key: "target_audience", label: "目标观众" },
  { key: "selling_points", label: "卖点" },
  { key: "satisfaction_points", label: "爽点" },
  { key: "setting", label: "故事设定" },
  { key: "characters", label: "人物" },
  { key: "synopsis_stages", label: "五阶段剧情" },
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sections where the edited outline differs from the model's. */
export function changedSections(edited: Outline, original: Outline): OutlineSection[] {
  return OUTLINE_SECTIONS.map(({ key }) => key).filter((key) => !same(edited[key], original[key]));
}

export function revertSection(edited: Outline, original: Outline, key: OutlineSection): Outline {
  return { ...edited, [key]: structuredClone(original[key]) };
}

export function isCharacterChanged(edited: Outline, original: Outline, index: number): boolean {
  return !same(edited.characters[index], original.characters[index]);
}

export function revertCharacter(edited: Outline, original: Outline, index: number): Outline {
  const model = original.characters[index];
  if (!model) return edited;
  const characters = edited.characters.map((character, position) =>
    position === index ? structuredClone(model) : character,
  );
  return { ...edited, characters };
}

export function updateCharacter(outline: Outline, index: number, patch: Partial<Character>): Outline {
  const characters = outline.characters.map((character, position) =>
    position === index ? { ...character, ...patch } : character,
  );
  return { ...outline, characters };
}

export function emptyCharacter(): Character {
  return {
    name: "",
    type: "other",
    description: "",
    age: "",
    gender: "",
    occupation: "",
    personality_traits: [],
    character_arc: "",
    relationships: {},
    key_scenes: [],
  };
}

/** `名字：关系` lines ⇄ the relationships map. */
export function relationshipsText(relationships: Record<string, string>): string {
  return Object.entries(relationships)
    .map(([name, relation]) => `${name}：${relation}`)
    .join("\n");
}

export function parseRelationships(value: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of value.split("\n")) {
    const match = /^\s*([^：:]+?)\s*[：:]\s*(.*)$/.exec(line);
    if (match?.[1]) result[match[1]] = match[2]?.trim() ?? "";
    else if (line.trim()) result[line.trim()] = "";
  }
  return result;
}

/** A list typed as one item per separator (、，, or newline). */
export function splitList(value: string): string[] {
  return value
    .split(/[、，,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The draft of an edited outline holds only the sections the writer changed,
 * so a regenerated outline fills every section they did not touch.
 */
export function outlineDraft(edited: Outline, original: Outline): Partial<Outline> {
  const draft: Partial<Outline> = {};
  for (const key of changedSections(edited, original)) Object.assign(draft, { [key]: edited[key] });
  return draft;
}

/** The model's outline with the writer's changed sections over it. */
export function mergeOutlineDraft(original: Outline, draft: Record<string, unknown>): Outline {
  const merged: Outline = { ...original };
  for (const { key } of OUTLINE_SECTIONS) {
    if (key in draft) Object.assign(merged, { [key]: draft[key] });
  }
  return merged;
}
