/**
 * The home list: each execution with a readable title taken from its result,
 * what it produced so far, or what it was started with (`inputs`).
 */
import type { Artifact, ExecutionSummary } from "./api";
import { num, record, str } from "./fields";

export interface HomeItem extends ExecutionSummary {
  title: string;
}

export type WorkKind = "all" | "brainstorming" | "outline" | "episode";

function newestFirst(a: Artifact, b: Artifact): number {
  return (b.createdAt ?? "").localeCompare(a.createdAt ?? "");
}

type ById = ReadonlyMap<string, Artifact>;

function resultOf(execution: ExecutionSummary, byId: ById, type: string): Artifact | undefined {
  const found = execution.result ? byId.get(execution.result.artifactId) : undefined;
  return found?.type === type ? found : undefined;
}

/** The title of a chosen idea (a `user_input` artifact), edited or as the model wrote it. */
function chosenIdeaTitle(chosen: Artifact | undefined, byId: ById): string {
  const data = record(chosen?.data);
  const edited = str(record(data.modifications).title);
  if (edited) return edited;
  const original = str(data.originalArtifactId);
  return (original && str(record(byId.get(original)?.data).title)) || "";
}

function brainstormTitle(execution: ExecutionSummary, artifacts: readonly Artifact[], byId: ById): string {
  const chosen =
    resultOf(execution, byId, "user_input") ?? artifacts.find((artifact) => artifact.type === "user_input");
  const chosenTitle = chosenIdeaTitle(chosen, byId);
  if (chosenTitle) return chosenTitle;
  const ideas = artifacts
    .filter((artifact) => artifact.type === "brainstorm_idea")
    .sort((a, b) => (num(record(a.data).orderIndex) ?? 0) - (num(record(b.data).orderIndex) ?? 0))
    .map((artifact) => str(record(artifact.data).title))
    .filter((title): title is string => Boolean(title));
  return ideas.slice(0, 3).join(" / ");
}

function outlineTitle(execution: ExecutionSummary, artifacts: readonly Artifact[], byId: ById): string {
  const outline = resultOf(execution, byId, "outline") ?? artifacts.find((artifact) => artifact.type === "outline");
  const title = str(record(outline?.data).title);
  if (title) return `《${title}》`;
  const source = str(execution.inputs.sourceArtifactId);
  const idea = source ? byId.get(source) : undefined;
  const ideaTitle = idea?.type === "user_input" ? chosenIdeaTitle(idea, byId) : str(record(idea?.data).title);
  return ideaTitle ? `《${ideaTitle}》` : "";
}

function episodeTitle(execution: ExecutionSummary, artifacts: readonly Artifact[], byId: ById): string {
  const episode = resultOf(execution, byId, "episode") ?? artifacts.find((artifact) => artifact.type === "episode");
  if (episode) {
    const data = record(episode.data);
    return `第${num(data.episodeNumber) ?? "?"}集 ${str(data.title) ?? ""}`.trim();
  }
  const context = record(artifacts.find((artifact) => artifact.type === "episode_context")?.data);
  const number = num(context.episodeNumber) ?? num(execution.inputs.episodeNumber);
  if (number === null) return "";
  const outlineId = str(execution.inputs.outlineArtifactId);
  const series = str(context.seriesTitle) ?? (outlineId ? str(record(byId.get(outlineId)?.data).title) : null);
  return series ? `《${series}》第${number}集` : `第${number}集`;
}

export function homeItems(executions: readonly ExecutionSummary[], artifacts: readonly Artifact[]): HomeItem[] {
  const byExecution = new Map<string, Artifact[]>();
  const byId: ById = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  for (const artifact of [...artifacts].sort(newestFirst)) {
    if (!artifact.executionId) continue;
    const group = byExecution.get(artifact.executionId) ?? [];
    group.push(artifact);
    byExecution.set(artifact.executionId, group);
  }
  return executions.map((execution) => {
    const produced = byExecution.get(execution.executionId) ?? [];
    let title = "";
    if (execution.workflowId === "brainstorming") title = brainstormTitle(execution, produced, byId);
    else if (execution.workflowId === "outline") title = outlineTitle(execution, produced, byId);
    else if (execution.workflowId === "episode") title = episodeTitle(execution, produced, byId);
    return { ...execution, title };
  });
}

export function filterItems(items: readonly HomeItem[], kind: WorkKind): HomeItem[] {
  return kind === "all" ? [...items] : items.filter((item) => item.workflowId === kind);
}
