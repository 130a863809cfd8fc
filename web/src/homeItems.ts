/** The home list: each execution with a readable title taken from what it produced. */
import type { Artifact, ExecutionSummary } from "./api";
import { num, record, str } from "./fields";

export interface HomeItem extends ExecutionSummary {
  title: string;
}

export type WorkKind = "all" | "brainstorming" | "outline" | "episode";

function newestFirst(a: Artifact, b: Artifact): number {
  return (b.createdAt ?? "").localeCompare(a.createdAt ?? "");
}

function brainstormTitle(artifacts: readonly Artifact[]): string {
  const edited = artifacts.find((artifact) => artifact.type === "user_input");
  const editedTitle = str(record(record(edited?.data).modifications).title);
  if (editedTitle) return editedTitle;
  const ideas = artifacts
    .filter((artifact) => artifact.type === "brainstorm_idea")
    .sort((a, b) => (num(record(a.data).orderIndex) ?? 0) - (num(record(b.data).orderIndex) ?? 0))
    .map((artifact) => str(record(artifact.data).title))
    .filter((title): title is string => Boolean(title));
  return ideas.slice(0, 3).join(" / ");
}

function outlineTitle(artifacts: readonly Artifact[]): string {
  const outline = artifacts.find((artifact) => artifact.type === "outline");
  const title = str(record(outline?.data).title);
  return title ? `《${title}》` : "";
}

function episodeTitle(artifacts: readonly Artifact[]): string {
  const episode = artifacts.find((artifact) => artifact.type === "episode");
  if (episode) {
    const data = record(episode.data);
    return `第${num(data.episodeNumber) ?? "?"}集 ${str(data.title) ?? ""}`.trim();
  }
  const context = record(artifacts.find((artifact) => artifact.type === "episode_context")?.data);
  const number = num(context.episodeNumber);
  if (number === null) return "";
  const series = str(context.seriesTitle);
  return series ? `《${series}》第${number}集` : `第${number}集`;
}

export function homeItems(executions: readonly ExecutionSummary[], artifacts: readonly Artifact[]): HomeItem[] {
  const byExecution = new Map<string, Artifact[]>();
  for (const artifact of [...artifacts].sort(newestFirst)) {
    if (!artifact.executionId) continue;
    const group = byExecution.get(artifact.executionId) ?? [];
    group.push(artifact);
    byExecution.set(artifact.executionId, group);
  }
  return executions.map((execution) => {
    const produced = byExecution.get(execution.executionId) ?? [];
    let title = "";
    if (execution.workflowId === "brainstorming") title = brainstormTitle(produced);
    else if (execution.workflowId === "outline") title = outlineTitle(produced);
    else if (execution.workflowId === "episode") title = episodeTitle(produced);
    return { ...execution, title };
  });
}

export function filterItems(items: readonly HomeItem[], kind: WorkKind): HomeItem[] {
  return kind === "all" ? [...items] : items.filter((item) => item.workflowId === kind);
}
