/**
 * Which episode executions belong to which outline: named by each execution's
 * `inputs` (`{outlineArtifactId, episodeNumber}`); this browser's own record
 * of the episodes it started and the outline's lineage fill in the rest.
 */
import type { Artifact, ExecutionSummary } from "./api";
import { num, record, str } from "./fields";

export interface EpisodeOrigin {
  outlineArtifactId: string;
  episodeNumber: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = "scriptwriter.episodes.v1";

type Index = Record<string, EpisodeOrigin>;

function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function readIndex(store: KeyValueStore | null): Index {
  if (!store) return {};
  try {
    const parsed: unknown = JSON.parse(store.getItem(KEY) ?? "{}");
    const index: Index = {};
    for (const [executionId, value] of Object.entries(record(parsed))) {
      const fields = record(value);
      const outlineArtifactId = str(fields.outlineArtifactId);
      const episodeNumber = num(fields.episodeNumber);
      if (outlineArtifactId && episodeNumber !== null) index[executionId] = { outlineArtifactId, episodeNumber };
    }
    return index;
  } catch {
    return {};
  }
}

export function rememberEpisode(executionId: string, origin: EpisodeOrigin, store = browserStore()): void {
  if (!store) return;
  try {
    store.setItem(KEY, JSON.stringify({ ...readIndex(store), [executionId]: origin }));
  } catch {
    // Storage full or refused: the lineage still links the episode once it has a context.
  }
}

/** The outline and episode number an episode execution was started with, from its `inputs`. */
export function originFromInputs(inputs: Readonly<Record<string, unknown>> | null | undefined): EpisodeOrigin | null {
  const outlineArtifactId = str(inputs?.outlineArtifactId);
  const episodeNumber = num(inputs?.episodeNumber);
  return outlineArtifactId && episodeNumber !== null ? { outlineArtifactId, episodeNumber } : null;
}

export function episodeOrigin(executionId: string, store = browserStore()): EpisodeOrigin | null {
  return readIndex(store)[executionId] ?? null;
}

export type EpisodeSlotStatus = "none" | "running" | "paused" | "completed" | "failed" | "cancelled";

export interface EpisodeSlot {
  episodeNumber: number;
  /** The latest execution of this episode, if any. */
  executionId: string | null;
  status: EpisodeSlotStatus;
  title: string;
}

function slotStatus(status: string | undefined): EpisodeSlotStatus {
  switch (status) {
    case "running":
    case "paused":
    case "completed":
    case "failed":
    case "cancelled":
      return status;
    default:
      return "running";
  }
}

/**
 * One slot per episode of the series: the latest execution of each episode
 * number (from the executions' inputs, the local index and the outline's
 * descendants) and its state.
 */
export function episodeSlots(
  outlineArtifactId: string,
  totalEpisodes: number,
  descendants: readonly Artifact[],
  executions: readonly ExecutionSummary[],
  store = browserStore(),
): EpisodeSlot[] {
  const origins = new Map<string, number>();
  for (const [executionId, origin] of Object.entries(readIndex(store))) {
    if (origin.outlineArtifactId === outlineArtifactId) origins.set(executionId, origin.episodeNumber);
  }
  for (const execution of executions) {
    const origin = execution.workflowId === "episode" ? originFromInputs(execution.inputs) : null;
    if (origin?.outlineArtifactId === outlineArtifactId) origins.set(execution.executionId, origin.episodeNumber);
  }
  const titles = new Map<string, { title: string; createdAt: string }>();
  for (const artifact of descendants) {
    if (!artifact.executionId || (artifact.type !== "episode" && artifact.type !== "episode_context")) continue;
    const data = record(artifact.data);
    const episodeNumber = num(data.episodeNumber);
    if (episodeNumber !== null) origins.set(artifact.executionId, episodeNumber);
    const title = str(data.title);
    const createdAt = artifact.createdAt ?? "";
    const known = titles.get(artifact.executionId);
    if (artifact.type === "episode" && title && (!known || createdAt >= known.createdAt)) {
      titles.set(artifact.executionId, { title, createdAt });
    }
  }
  const byId = new Map(executions.map((execution) => [execution.executionId, execution]));
  const latest = new Map<number, string>();
  for (const [executionId, episodeNumber] of origins) {
    const current = latest.get(episodeNumber);
    const created = byId.get(executionId)?.createdAt ?? "";
    if (!current || created > (byId.get(current)?.createdAt ?? "")) latest.set(episodeNumber, executionId);
  }
  const count = Math.max(totalEpisodes, ...latest.keys(), 0);
  return Array.from({ length: count }, (_, index) => {
    const episodeNumber = index + 1;
    const executionId = latest.get(episodeNumber) ?? null;
    return {
      episodeNumber,
      executionId,
      status: executionId ? slotStatus(byId.get(executionId)?.status) : "none",
      title: executionId ? (titles.get(executionId)?.title ?? "") : "",
    };
  });
}

/** The first episode that has not been started, or the one after the last. */
export function nextEpisodeNumber(slots: readonly EpisodeSlot[]): number {
  return slots.find((slot) => slot.status === "none")?.episodeNumber ?? slots.length + 1;
}
