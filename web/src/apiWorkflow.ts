/** Workflow definitions and the commands that steer a running execution. */
import { executionPath } from "./api";
import { request } from "./apiClient";
import { decodeWorkflow, type WorkflowDefinition } from "./workflowDefinition";

const definitions = new Map<string, Promise<WorkflowDefinition>>();

/** A workflow's definition; fetched once per page load. */
export function fetchWorkflow(workflowId: string): Promise<WorkflowDefinition> {
  let found = definitions.get(workflowId);
  if (!found) {
    found = request("GET", `/api/workflows/${encodeURIComponent(workflowId)}`).then(decodeWorkflow);
    found.catch(() => definitions.delete(workflowId));
    definitions.set(workflowId, found);
  }
  return found;
}

/** Stops every running node; the execution becomes `cancelled`. */
export async function cancelExecution(executionId: string): Promise<void> {
  await request("POST", executionPath(executionId, "/cancel"));
}

/** Runs a node and everything downstream again; reopens a finished execution. */
export async function rerunNode(executionId: string, nodeId: string): Promise<void> {
  await request("POST", executionPath(executionId, `/nodes/${encodeURIComponent(nodeId)}/rerun`));
}

/** Stops one streaming LLM transform. */
export async function cancelTransform(transformId: string): Promise<void> {
  await request("POST", `/api/streaming/cancel/${encodeURIComponent(transformId)}`);
}
