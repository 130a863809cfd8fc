/**
 * Brainstormed ideas as the idea grid shows them: partial ones parsed from the
 * model's streaming output, final ones from the node's outputs.
 */
import { GENERATE_IDEAS, SELECT_IDEA } from "./brainstormingNodes";
import type { ExecutionView } from "./executionReducer";
import { isJsonObject, parsePartialJson, type JsonValue } from "./partialJson";

export interface Idea {
  artifactId: string;
  title: string;
  body: string;
  genre: string | null;
  orderIndex: number;
}

export interface PartialIdea {
  title: string;
  body: string;
}

export interface IdeaCardModel {
  key: string;
  artifactId: string | null;
  title: string;
  body: string;
  genre: string | null;
  /** True while the card's text may still change. */
  streaming: boolean;
  /** True for the one card the model is writing right now. */
  writing: boolean;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field : undefined;
}

/**
 * The ideas of a (possibly unfinished) model output. An idea appears as soon as
 * its title or body has begun.
 */
export function ideasFromPartial(value: JsonValue | undefined): PartialIdea[] {
  const list = Array.isArray(value) ? value : isJsonObject(value) ? value.ideas : undefined;
  if (!Array.isArray(list)) return [];
  const ideas: PartialIdea[] = [];
  for (const item of list) {
    const title = stringField(item, "title");
    const body = stringField(item, "body");
    if (title === undefined && body === undefined) continue;
    ideas.push({ title: title ?? "", body: body ?? "" });
  }
  return ideas;
}

export function ideasFromText(text: string): PartialIdea[] {
  return ideasFromPartial(parsePartialJson(text));
}

/** Reads the final idea list of `generate_ideas` outputs or `select_idea` initial data. */
export function finalIdeas(value: unknown): Idea[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null
      ? (value as Record<string, unknown>).ideas
      : undefined;
  if (!Array.isArray(list)) return [];
  const ideas: Idea[] = [];
  list.forEach((item: unknown, position) => {
    if (typeof item !== "object" || item === null) return;
    const fields = item as Record<string, unknown>;
    const artifactId = stringField(fields, "artifactId") ?? stringField(fields, "id");
    if (!artifactId) return;
    const orderIndex = typeof fields.orderIndex === "number" ? fields.orderIndex : position;
    ideas.push({
      artifactId,
      title: stringField(fields, "title") ?? "",
      body: stringField(fields, "body") ?? "",
      genre: stringField(fields, "genre") ?? null,
      orderIndex,
    });
  });
  return ideas.sort((a, b) => a.orderIndex - b.orderIndex);
}

/** The final ideas known to the view: the node outputs, else the selection's initial data. */
export function knownFinalIdeas(view: ExecutionView): Idea[] {
  const fromOutputs = finalIdeas(view.nodes[GENERATE_IDEAS]?.outputs);
  if (fromOutputs.length > 0) return fromOutputs;
  return finalIdeas(view.pendingInputs[SELECT_IDEA]?.initialData);
}

export function finalIdeaCards(ideas: readonly Idea[]): IdeaCardModel[] {
  return ideas.map((idea, index) => ({
    key: String(index),
    artifactId: idea.artifactId,
    title: idea.title,
    body: idea.body,
    genre: idea.genre,
    streaming: false,
    writing: false,
  }));
}

export function partialIdeaCards(ideas: readonly PartialIdea[], active: boolean): IdeaCardModel[] {
  return ideas.map((idea, index) => ({
    key: String(index),
    artifactId: null,
    title: idea.title,
    body: idea.body,
    genre: null,
    streaming: active,
    writing: active && index === ideas.length - 1,
  }));
}

export function isStreamActive(status: string | undefined): boolean {
  return status === "streaming" || status === "running";
}
