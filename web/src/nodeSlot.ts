/** What the generic renderer hands each node's component. */
import type { PendingInput } from "./events";
import type { Workflow } from "./useWorkflow";
import type { WorkflowNode } from "./workflowDefinition";

export interface NodeSlotProps {
  workflow: Workflow;
  node: WorkflowNode;
  /** Opens another execution (e.g. the outline made from this idea). */
  onOpen: (executionId: string) => void;
}

/** The node's pending input while it waits for the writer, else null. */
export function waitingInput(workflow: Workflow, nodeId: string): PendingInput | null {
  const input = workflow.view.pendingInputs[nodeId];
  const status = workflow.view.nodes[nodeId]?.status;
  return input && status !== "completed" && status !== "skipped" ? input : null;
}

export function nodeStatus(workflow: Workflow, nodeId: string): string {
  return workflow.view.nodes[nodeId]?.status ?? "pending";
}
