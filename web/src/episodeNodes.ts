/** Node ids of the `episode` workflow and the data its nodes carry. */
import type { ExecutionView } from "./executionReducer";
import { list, num, record, str, text } from "./fields";
import { characterFrom, type Character } from "./outline";

export const EPISODE = "episode";
export const SUMMARIZE_PREVIOUS = "summarize_previous";
export const PREPARE_CONTEXT = "prepare_context";
export const EDIT_CONTEXT = "edit_context";
export const GENERATE_EPISODE = "generate_episode";
export const EDIT_EPISODE = "edit_episode";

export interface EpisodeContext {
  episodeNumber: number | null;
  totalEpisodes: number | null;
  episodeDuration: number | null;
  seriesTitle: string;
  genre: string;
  stage: string;
  characters: Character[];
  previousSummary: string;
  previousCliffhanger: string;
  episodeSpecificRequirements: string;
}

export interface EpisodeScript {
  title: string;
  content: string;
}

export function contextFrom(value: unknown): EpisodeContext {
  const data = record(value);
  return {
    episodeNumber: num(data.episodeNumber),
    totalEpisodes: num(data.totalEpisodes),
    episodeDuration: num(data.episodeDuration),
    seriesTitle: text(data.seriesTitle),
    genre: text(data.genre),
    stage: text(data.stage),
    characters: list(data.characters).map(characterFrom),
    previousSummary: text(data.previousSummary),
    previousCliffhanger: text(data.previousCliffhanger),
    episodeSpecificRequirements: text(data.episodeSpecificRequirements),
  };
}

/** The context to edit: the initial data, with the writer's draft of the editable parts over it. */
export function contextFromInput(initialData: unknown, draft: unknown): EpisodeContext {
  const base = contextFrom(initialData);
  const saved = record(draft);
  return {
    ...base,
    characters: Array.isArray(saved.characters) ? saved.characters.map(characterFrom) : base.characters,
    episodeSpecificRequirements: str(saved.episodeSpecificRequirements) ?? base.episodeSpecificRequirements,
  };
}

/** What the episode page knows of the context: the submitted one, else the one waiting for input. */
export function knownContext(view: ExecutionView): EpisodeContext | null {
  const submitted = record(view.nodes[EDIT_CONTEXT]?.outputs).context;
  if (submitted !== undefined) return contextFrom(submitted);
  const waiting = view.pendingInputs[EDIT_CONTEXT];
  if (waiting) return contextFromInput(waiting.initialData, waiting.draft);
  const prepared = record(view.nodes[PREPARE_CONTEXT]?.outputs).context;
  return prepared !== undefined ? contextFrom(prepared) : null;
}

export function scriptFrom(value: unknown): EpisodeScript {
  const data = record(value);
  return { title: text(data.title), content: text(data.content) };
}

/** The script as the model wrote it, once `generate_episode` finished. */
export function modelScript(view: ExecutionView): EpisodeScript | null {
  const generated = record(view.nodes[GENERATE_EPISODE]?.outputs).episode;
  if (generated !== undefined) return scriptFrom(generated);
  const initial = view.pendingInputs[EDIT_EPISODE]?.initialData;
  return initial !== undefined ? scriptFrom(initial) : null;
}

/** The script the execution ended with: the writer's edit, or the model's when unchanged. */
export function finalScript(view: ExecutionView): EpisodeScript | null {
  const edited = record(view.nodes[EDIT_EPISODE]?.outputs).episode;
  return edited !== undefined ? scriptFrom(edited) : modelScript(view);
}

export function episodeNumberOf(view: ExecutionView): number | null {
  const generated = num(record(record(view.nodes[GENERATE_EPISODE]?.outputs).episode).episodeNumber);
  return generated ?? knownContext(view)?.episodeNumber ?? num(view.inputs.episodeNumber) ?? null;
}
