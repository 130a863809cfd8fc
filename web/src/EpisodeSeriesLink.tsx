import { EDIT_CONTEXT, episodeNumberOf } from "./episodeNodes";
import { nodeStatus } from "./nodeSlot";
import { useEpisodeOrigin } from "./useEpisodeOrigin";
import type { Workflow } from "./useWorkflow";

/** From an episode back to its outline and the other episodes of the series. */
export function EpisodeSeriesLink({ workflow, onOpen }: { workflow: Workflow; onOpen: (executionId: string) => void }) {
  const ready = nodeStatus(workflow, EDIT_CONTEXT) === "completed";
  const origin = useEpisodeOrigin(workflow.view, episodeNumberOf(workflow.view), ready);
  const outlineExecution = origin?.outlineExecutionId;
  if (!outlineExecution) return null;
  return (
    <button type="button" className="link-button" data-testid="series-link" onClick={() => onOpen(outlineExecution)}>
      大纲与分集
    </button>
  );
}
