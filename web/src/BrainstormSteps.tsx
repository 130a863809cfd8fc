import { useMemo, useState } from "react";
import { createExecution } from "./api";
import { BrainstormForm } from "./BrainstormForm";
import { COLLECT_REQUIREMENTS, GENERATE_IDEAS, SELECT_IDEA } from "./brainstormingNodes";
import { ErrorNotice } from "./ErrorNotice";
import { FinalIdea } from "./FinalIdea";
import { GenerationBar } from "./GenerationBar";
import { resultArtifactIdFromOutputs } from "./ideaSelection";
import { IdeaSection } from "./IdeaSection";
import { knownFinalIdeas } from "./ideas";
import { nodeStatus, waitingInput, type NodeSlotProps } from "./nodeSlot";
import { OUTLINE } from "./outlineNodes";

/** `collect_requirements`: the requirements form while it waits. */
export function BrainstormFormStep({ workflow }: NodeSlotProps) {
  const input = waitingInput(workflow, COLLECT_REQUIREMENTS);
  return input ? <BrainstormForm key={workflow.executionId} executionId={workflow.executionId} input={input} /> : null;
}

/** `generate_ideas` and `select_idea`: ideas streaming into the grid, then the choice. */
export function IdeaStep({ workflow }: NodeSlotProps) {
  const { view } = workflow;
  const ideas = useMemo(() => knownFinalIdeas(view), [view]);
  const status = nodeStatus(workflow, GENERATE_IDEAS);
  if (view.streams[GENERATE_IDEAS] === undefined && ideas.length === 0 && status === "pending") return null;
  return (
    <IdeaSection
      executionId={workflow.executionId}
      view={view}
      controls={<GenerationBar workflow={workflow} nodeId={GENERATE_IDEAS} subject="创意" />}
    />
  );
}

/** The brainstorm's result, and the way on to an outline. */
export function FinalIdeaStep({ workflow, onOpen }: NodeSlotProps) {
  const { view } = workflow;
  const ideas = useMemo(() => knownFinalIdeas(view), [view]);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (nodeStatus(workflow, SELECT_IDEA) !== "completed" || view.status !== "completed") return null;
  const artifactId = view.result?.artifactId ?? resultArtifactIdFromOutputs(view.nodes[SELECT_IDEA]?.outputs);

  async function startOutline(): Promise<void> {
    if (!artifactId) return;
    setStarting(true);
    setFailure(null);
    try {
      const { executionId } = await createExecution(OUTLINE, { sourceArtifactId: artifactId });
      onOpen(executionId);
    } catch (error) {
      setFailure(error);
      setStarting(false);
    }
  }

  return (
    <>
      <FinalIdea view={view} ideas={ideas} submitted={null} />
      <div className="card next-step">
        <p>满意这个创意？下一步生成人物、卖点和五阶段剧情大纲。</p>
        {failure !== null && <ErrorNotice error={failure} />}
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            data-testid="start-outline"
            disabled={!artifactId || starting}
            onClick={() => void startOutline()}
          >
            {starting ? "创建中…" : "用这个创意生成大纲"}
          </button>
          <button
            type="button"
            className="button ghost"
            data-testid="reselect-idea"
            disabled={workflow.busy !== null}
            onClick={() => void workflow.rerun(SELECT_IDEA)}
          >
            重新选择
          </button>
        </div>
      </div>
    </>
  );
}
