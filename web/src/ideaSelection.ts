/**
 * The `select_idea` node: which idea the writer picked and their edits to it,
 * and the final idea of a finished brainstorm.
 */
import type { PendingInput } from "./events";
import type { Idea } from "./ideas";

export interface IdeaSelection {
  selectedIdeaId: string | null;
  title: string;
  body: string;
}

export interface IdeaText {
  title: string;
  body: string;
}

type Fields = Record<string, unknown>;

function record(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The selection to start from: the initial data, overridden by a saved draft. */
export function selectionFromInput(input: PendingInput | undefined, ideas: readonly Idea[]): IdeaSelection {
  const data = { ...record(input?.initialData), ...record(input?.draft) };
  const selectedIdeaId = str(data.selectedIdeaId) ?? null;
  const idea = ideas.find((candidate) => candidate.artifactId === selectedIdeaId);
  if (!selectedIdeaId) return { selectedIdeaId: null, title: "", body: "" };
  return {
    selectedIdeaId,
    title: str(data.title) ?? idea?.title ?? "",
    body: str(data.body) ?? idea?.body ?? "",
  };
}

/**
 * The selection to start from, where a card the writer clicked before the
 * workflow asked for a choice (`earlyPick`) counts when no draft names one.
 */
export function initialSelection(
  input: PendingInput | undefined,
  ideas: readonly Idea[],
  earlyPick: string | null,
): IdeaSelection {
  const selection = selectionFromInput(input, ideas);
  const picked = ideas.find((idea) => idea.artifactId === earlyPick);
  return selection.selectedIdeaId === null && picked ? pickIdea(selection, picked) : selection;
}

/** Picking an idea starts its edit from the idea's own text. */
export function pickIdea(selection: IdeaSelection, idea: Idea): IdeaSelection {
  if (selection.selectedIdeaId === idea.artifactId) return selection;
  return { selectedIdeaId: idea.artifactId, title: idea.title, body: idea.body };
}

/** The body of the node's PUT and POST: exactly these three keys. */
export function selectionPayload(selection: IdeaSelection): IdeaSelection {
  return { selectedIdeaId: selection.selectedIdeaId, title: selection.title, body: selection.body };
}

/** A changed value in the shapes a modification record may take: a string or `{to|new|after|value}`. */
function changedValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const fields = record(value);
  return str(fields.to) ?? str(fields.new) ?? str(fields.after) ?? str(fields.value);
}

function readModifications(value: unknown): Partial<IdeaText> {
  const result: Partial<IdeaText> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const fields = record(item);
      const field = str(fields.field) ?? str(fields.path) ?? str(fields.key);
      const changed = changedValue(item);
      if ((field === "title" || field === "body") && changed !== undefined) result[field] = changed;
    }
    return result;
  }
  const fields = record(value);
  const title = changedValue(fields.title);
  const body = changedValue(fields.body);
  if (title !== undefined) result.title = title;
  if (body !== undefined) result.body = body;
  return result;
}

/**
 * The text of the execution's result: a `brainstorm_idea` artifact's data, or a
 * `user_input` artifact (`{originalArtifactId, modifications}`) applied to the
 * original idea.
 */
export function ideaTextFromArtifact(data: unknown, ideas: readonly Idea[]): IdeaText | null {
  const fields = record(data);
  const title = str(fields.title);
  const body = str(fields.body);
  const originalId = str(fields.originalArtifactId);
  const original = ideas.find((idea) => idea.artifactId === originalId);
  if (originalId !== undefined || fields.modifications !== undefined) {
    const modified = readModifications(fields.modifications);
    const merged = {
      title: modified.title ?? title ?? original?.title,
      body: modified.body ?? body ?? original?.body,
    };
    if (merged.title !== undefined || merged.body !== undefined) {
      return { title: merged.title ?? "", body: merged.body ?? "" };
    }
    return null;
  }
  if (title !== undefined || body !== undefined) return { title: title ?? "", body: body ?? "" };
  return null;
}

/** Finds the result's text in a node's outputs, in the shapes they may take. */
export function ideaTextFromOutputs(outputs: unknown, ideas: readonly Idea[]): IdeaText | null {
  const fields = record(outputs);
  for (const key of ["result", "idea", "selectedIdea", "finalIdea", "data"]) {
    const nested = ideaTextFromArtifact(record(fields[key]).data ?? fields[key], ideas);
    if (nested) return nested;
  }
  const direct = ideaTextFromArtifact(fields, ideas);
  if (direct) return direct;
  // The chosen idea is the result only when no other artifact (an edit) is named as the result.
  const selectedId = str(fields.selectedIdeaId);
  const resultId = resultArtifactIdFromOutputs(fields);
  if (resultId !== null && resultId !== selectedId) return null;
  const chosen = ideas.find((idea) => idea.artifactId === selectedId);
  return chosen ? { title: chosen.title, body: chosen.body } : null;
}

/** The artifact id of the result in a node's outputs, when they name one. */
export function resultArtifactIdFromOutputs(outputs: unknown): string | null {
  const fields = record(outputs);
  return (
    str(fields.artifactId) ??
    str(record(fields.result).artifactId) ??
    str(fields.resultArtifactId) ??
    str(fields.selectedIdeaId) ??
    null
  );
}
