/** Node ids of the `outline` workflow and the data its nodes carry. */
import type { ExecutionView } from "./executionReducer";
import { num, record, str, text } from "./fields";
import { outlineFrom, type Outline } from "./outline";

export const OUTLINE = "outline";
export const CONFIGURE_OUTLINE = "configure_outline";
export const GENERATE_OUTLINE = "generate_outline";
export const EDIT_OUTLINE = "edit_outline";

export interface OutlineSettings {
  totalEpisodes: number;
  episodeDuration: number;
  requirements: string;
}

export interface SourceIdea {
  title: string;
  body: string;
  genre: string;
}

export const EPISODE_LIMITS = { min: 1, max: 200 };
export const DURATION_LIMITS = { min: 1, max: 60 };

/** The settings to start from: the initial data, overridden by a saved draft. */
export function settingsFromInput(initialData: unknown, draft: unknown): OutlineSettings {
  const data = { ...record(initialData), ...record(draft) };
  return {
    totalEpisodes: num(data.totalEpisodes) ?? 60,
    episodeDuration: num(data.episodeDuration) ?? 2,
    requirements: text(data.requirements),
  };
}

export function sourceIdeaFrom(initialData: unknown): SourceIdea | null {
  const source = record(record(initialData).source);
  const title = text(source.title);
  const body = text(source.body);
  return title || body ? { title, body, genre: text(source.genre) } : null;
}

/** The settings a finished `configure_outline` stored. */
export function submittedSettings(view: ExecutionView): OutlineSettings | null {
  const settings = record(record(view.nodes[CONFIGURE_OUTLINE]?.outputs).settings);
  return Object.keys(settings).length > 0 ? settingsFromInput(settings, null) : null;
}

/** The outline as the model wrote it, once `generate_outline` finished. */
export function modelOutline(view: ExecutionView): Outline | null {
  const generated = record(view.nodes[GENERATE_OUTLINE]?.outputs).outline;
  if (generated !== undefined) return outlineFrom(generated);
  const initial = view.pendingInputs[EDIT_OUTLINE]?.initialData;
  return initial !== undefined ? outlineFrom(initial) : null;
}

/** The outline the execution ended with: the writer's edit, or the model's when unchanged. */
export function finalOutline(view: ExecutionView): Outline | null {
  const edited = record(view.nodes[EDIT_OUTLINE]?.outputs).outline;
  return edited !== undefined ? outlineFrom(edited) : modelOutline(view);
}

/** The artifact id of the outline the execution ended with. */
export function finalOutlineArtifactId(view: ExecutionView): string | null {
  return view.result?.artifactId ?? str(record(view.nodes[EDIT_OUTLINE]?.outputs).resultArtifactId) ?? null;
}
