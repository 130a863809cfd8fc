/**
 * The outline the model writes (template `outline`): its shape, lenient
 * reading of partial or final data, and the Chinese labels of character types.
 */
import { num, record, str, strings, list, text } from "./fields";

export interface Character {
  name: string;
  type: string;
  description: string;
  age: string;
  gender: string;
  occupation: string;
  personality_traits: string[];
  character_arc: string;
  relationships: Record<string, string>;
  key_scenes: string[];
}

export interface Outline {
  title: string;
  genre: string;
  target_audience: { demographic: string; core_themes: string[] };
  selling_points: string[];
  satisfaction_points: string[];
  setting: { core_setting_summary: string; key_scenes: string[] };
  characters: Character[];
  synopsis_stages: string[];
  totalEpisodes: number | null;
  episodeDuration: number | null;
}

export const CHARACTER_TYPES = [
  "male_lead",
  "female_lead",
  "male_second",
  "female_second",
  "male_supporting",
  "female_supporting",
  "antagonist",
  "other",
] as const;

export const CHARACTER_TYPE_LABELS: Record<string, string> = {
  male_lead: "男主",
  female_lead: "女主",
  male_second: "男二",
  female_second: "女二",
  male_supporting: "男配",
  female_supporting: "女配",
  antagonist: "反派",
  other: "其他",
};

const LABEL_TYPES: [string, string][] = [
  ["男一号", "male_lead"],
  ["女一号", "female_lead"],
  ["男二号", "male_second"],
  ["女二号", "female_second"],
  ["男主角", "male_lead"],
  ["女主角", "female_lead"],
  ["男配角", "male_supporting"],
  ["女配角", "female_supporting"],
  ["大反派", "antagonist"],
  ["男主", "male_lead"],
  ["女主", "female_lead"],
  ["男一", "male_lead"],
  ["女一", "female_lead"],
  ["男二", "male_second"],
  ["女二", "female_second"],
  ["男配", "male_supporting"],
  ["女配", "female_supporting"],
  ["反派", "antagonist"],
];

/** The fixed type of a character, from English ids or Chinese labels (男主, 反派 …); unknown → `other`. */
export function normaliseCharacterType(value: unknown): string {
  const raw = text(value).trim();
  const lowered = raw.toLowerCase().replace(/[\s-]/g, "_");
  if ((CHARACTER_TYPES as readonly string[]).includes(lowered)) return lowered;
  for (const [label, kind] of LABEL_TYPES) if (raw.includes(label)) return kind;
  return lowered === "villain" ? "antagonist" : "other";
}

export function characterTypeLabel(value: unknown): string {
  return CHARACTER_TYPE_LABELS[normaliseCharacterType(value)] ?? "其他";
}

function relationships(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const fields = record(item);
      const name = str(fields.name);
      if (name) result[name] = text(fields.relation ?? fields.description);
    }
    return result;
  }
  for (const [name, relation] of Object.entries(record(value))) result[name] = text(relation);
  return result;
}

export function characterFrom(value: unknown): Character {
  const fields = record(value);
  return {
    name: text(fields.name),
    type: normaliseCharacterType(fields.type),
    description: text(fields.description),
    age: text(fields.age),
    gender: text(fields.gender),
    occupation: text(fields.occupation),
    personality_traits: strings(fields.personality_traits),
    character_arc: text(fields.character_arc),
    relationships: relationships(fields.relationships),
    key_scenes: strings(fields.key_scenes),
  };
}

/** Reads an outline leniently: anything missing is empty, so a half-written outline reads too. */
export function outlineFrom(value: unknown): Outline {
  const fields = record(value);
  const audience = record(fields.target_audience);
  const setting = record(fields.setting);
  return {
    title: text(fields.title),
    genre: text(fields.genre),
    target_audience: { demographic: text(audience.demographic), core_themes: strings(audience.core_themes) },
    selling_points: strings(fields.selling_points),
    satisfaction_points: strings(fields.satisfaction_points),
    setting: { core_setting_summary: text(setting.core_setting_summary), key_scenes: strings(setting.key_scenes) },
    characters: list(fields.characters)
      .filter((item) => typeof item === "object" && item !== null)
      .map(characterFrom),
    synopsis_stages: strings(fields.synopsis_stages),
    totalEpisodes: num(fields.totalEpisodes),
    episodeDuration: num(fields.episodeDuration),
  };
}

export const STAGE_NAMES = ["第一阶段", "第二阶段", "第三阶段", "第四阶段", "第五阶段"];

export function stageName(index: number): string {
  return STAGE_NAMES[index] ?? `第 ${index + 1} 阶段`;
}
