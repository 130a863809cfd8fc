/**
 * The data of the `collect_requirements` node: what the brainstorm form edits,
 * auto-saves as a draft and finally submits.
 */
import { MAX_GENRE_PATHS, containsGenrePath, sameGenrePath, type GenrePath } from "./genreTree";
import { adjustProportion, equalSplit, normalizeProportions, removeProportion, sumsTo100 } from "./proportions";

export const PLATFORMS = [
  "抖音",
  "快手",
  "小红书",
  "B站",
  "微博",
  "腾讯视频",
  "爱奇艺",
  "优酷",
  "芒果TV",
  "西瓜视频",
] as const;

export const DEFAULT_PLATFORM = "抖音";
export const MIN_IDEAS = 1;
export const MAX_IDEAS = 4;
export const DEFAULT_IDEAS = 3;

export interface BrainstormRequirements {
  readonly platform: string;
  readonly genrePaths: readonly GenrePath[];
  /** One integer percentage per path when there are several paths, otherwise null. */
  readonly genreProportions: readonly number[] | null;
  readonly requirements: string;
  /** Null while the field is empty. */
  readonly numberOfIdeas: number | null;
}

/** The body of the node's PUT (draft) and POST (submit). */
export interface RequirementsPayload {
  platform: string;
  genrePaths: string[][];
  genreProportions: number[] | null;
  requirements: string;
  numberOfIdeas: number | null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function readGenrePaths(value: unknown): string[][] {
  if (!Array.isArray(value)) return [];
  const paths: string[][] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length === 0) continue;
    if (!item.every((name): name is string => typeof name === "string")) continue;
    if (containsGenrePath(paths, item)) continue;
    paths.push([...item]);
  }
  return paths.slice(0, MAX_GENRE_PATHS);
}

function readProportions(value: unknown, count: number): number[] | null {
  if (count <= 1) return null;
  if (Array.isArray(value) && value.length === count) {
    const numbers = value.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : 0));
    const rounded = numbers.map(Math.round);
    return sumsTo100(rounded) ? rounded : normalizeProportions(numbers);
  }
  return equalSplit(count);
}

function readNumberOfIdeas(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value);
  return DEFAULT_IDEAS;
}

/** The form's starting state: the node's `initialData`, overridden key by key by a saved draft. */
export function requirementsFromInput(initialData: unknown, draft?: unknown): BrainstormRequirements {
  const data = { ...asRecord(initialData), ...asRecord(draft) };
  const platform = typeof data.platform === "string" && data.platform !== "" ? data.platform : DEFAULT_PLATFORM;
  const genrePaths = readGenrePaths(data.genrePaths);
  return {
    platform,
    genrePaths,
    genreProportions: readProportions(data.genreProportions, genrePaths.length),
    requirements: typeof data.requirements === "string" ? data.requirements : "",
    numberOfIdeas: "numberOfIdeas" in data ? readNumberOfIdeas(data.numberOfIdeas) : DEFAULT_IDEAS,
  };
}

export function canAddGenrePath(form: BrainstormRequirements, path: GenrePath): boolean {
  return form.genrePaths.length < MAX_GENRE_PATHS && !containsGenrePath(form.genrePaths, path);
}

/** Adds a path (when there is room) and splits the proportions equally. */
export function addGenrePath(form: BrainstormRequirements, path: GenrePath): BrainstormRequirements {
  if (!canAddGenrePath(form, path)) return form;
  const genrePaths = [...form.genrePaths, [...path]];
  return {
    ...form,
    genrePaths,
    genreProportions: genrePaths.length > 1 ? equalSplit(genrePaths.length) : null,
  };
}

export function removeGenrePath(form: BrainstormRequirements, index: number): BrainstormRequirements {
  if (index < 0 || index >= form.genrePaths.length) return form;
  const genrePaths = form.genrePaths.filter((_, i) => i !== index);
  const current = form.genreProportions ?? equalSplit(form.genrePaths.length);
  return {
    ...form,
    genrePaths,
    genreProportions: genrePaths.length > 1 ? removeProportion(current, index) : null,
  };
}

/** Adds the path, or removes it when it is already chosen. */
export function toggleGenrePath(form: BrainstormRequirements, path: GenrePath): BrainstormRequirements {
  const index = form.genrePaths.findIndex((chosen) => sameGenrePath(chosen, path));
  return index >= 0 ? removeGenrePath(form, index) : addGenrePath(form, path);
}

export function setGenreProportion(form: BrainstormRequirements, index: number, value: number): BrainstormRequirements {
  if (form.genrePaths.length <= 1) return form;
  const current = form.genreProportions ?? equalSplit(form.genrePaths.length);
  return { ...form, genreProportions: adjustProportion(current, index, value) };
}

export function requirementsPayload(form: BrainstormRequirements): RequirementsPayload {
  return {
    platform: form.platform,
    genrePaths: form.genrePaths.map((path) => [...path]),
    genreProportions: form.genrePaths.length > 1 && form.genreProportions ? [...form.genreProportions] : null,
    requirements: form.requirements,
    numberOfIdeas: form.numberOfIdeas,
  };
}

/** Hints shown beside the form; the server's validation stays the judge. */
export function requirementsHints(form: BrainstormRequirements): string[] {
  const hints: string[] = [];
  if (form.genrePaths.length === 0) hints.push("请至少选择一个类型");
  const n = form.numberOfIdeas;
  if (n === null || !Number.isInteger(n) || n < MIN_IDEAS || n > MAX_IDEAS) {
    hints.push(`创意数量应为 ${MIN_IDEAS}–${MAX_IDEAS}`);
  }
  return hints;
}
