/** The heading of an execution's page: what is being written, as far as the page knows yet. */
import { EPISODE, knownContext, episodeNumberOf } from "./episodeNodes";
import type { ExecutionView } from "./executionReducer";
import { finalOutline, OUTLINE } from "./outlineNodes";
import { workflowLabel } from "./statusLabels";

export function pageTitle(view: ExecutionView): string {
  if (!view.workflowId) return "创作";
  if (view.workflowId === EPISODE) {
    const number = episodeNumberOf(view);
    const series = knownContext(view)?.seriesTitle;
    if (number !== null) return series ? `《${series}》第 ${number} 集` : `第 ${number} 集`;
  }
  if (view.workflowId === OUTLINE) {
    const title = finalOutline(view)?.title;
    if (title) return `《${title}》大纲`;
  }
  return workflowLabel(view.workflowId);
}
