import type { ComponentType } from "react";
import { BrainstormFormStep, FinalIdeaStep, IdeaStep } from "./BrainstormSteps";
import { EpisodeContextStep } from "./EpisodeContextStep";
import { GenerationBar } from "./GenerationBar";
import { nodeStatus, type NodeSlotProps } from "./nodeSlot";
import { OutlineEditStep } from "./OutlineEditStep";
import { OutlineGenerateStep } from "./OutlineGenerateStep";
import { OutlineSettingsStep } from "./OutlineSettingsStep";
import { ProcessingNote } from "./ProcessingNote";
import { ScriptEditStep } from "./ScriptEditStep";
import { ScriptGenerateStep } from "./ScriptGenerateStep";
import { nodeStatusLabel } from "./statusLabels";
import type { Workflow } from "./useWorkflow";
import { orderedNodes } from "./workflowDefinition";

/** The component for each `ui.component` a workflow definition names. */
const NODE_COMPONENTS: Record<string, ComponentType<NodeSlotProps>> = {
  brainstorm_form: BrainstormFormStep,
  idea_grid: IdeaStep,
  idea_selector: FinalIdeaStep,
  outline_settings: OutlineSettingsStep,
  outline_view: OutlineGenerateStep,
  outline_editor: OutlineEditStep,
  episode_context: EpisodeContextStep,
  script_view: ScriptGenerateStep,
  script_editor: ScriptEditStep,
};

/** A node whose component this page does not know: its state, and its text while an LLM writes. */
function GenericNodeStep({ workflow, node }: NodeSlotProps) {
  const status = nodeStatus(workflow, node.id);
  if (status === "pending" || status === "skipped") return null;
  const stream = workflow.view.streams[node.id];
  return (
    <section className="card" data-testid="generic-node" data-node={node.id}>
      <header className="card-header">
        <h2>{node.description || node.id}</h2>
        <span className="muted">{nodeStatusLabel(status)}</span>
      </header>
      {node.type === "llm" && <GenerationBar workflow={workflow} nodeId={node.id} subject="" />}
      {stream?.text && <pre className="raw-text">{stream.text}</pre>}
    </section>
  );
}

interface WorkflowRendererProps {
  workflow: Workflow;
  onOpen: (executionId: string) => void;
}

/** Every node of the workflow in order, each drawn by the component its definition names. */
export function WorkflowRenderer({ workflow, onOpen }: WorkflowRendererProps) {
  if (!workflow.definition) return workflow.view.loaded ? <p className="muted centered">正在载入流程…</p> : null;
  return (
    <>
      {orderedNodes(workflow.definition).map((node) => {
        if (node.ui.hidden) return <ProcessingNote key={node.id} node={node} state={workflow.view.nodes[node.id]} />;
        const Component = NODE_COMPONENTS[node.ui.component ?? ""] ?? GenericNodeStep;
        return <Component key={node.id} workflow={workflow} node={node} onOpen={onOpen} />;
      })}
    </>
  );
}
