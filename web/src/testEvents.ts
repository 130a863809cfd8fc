/** Builders of execution events for tests. */
import { decodeEvent } from "./eventDecoder";
import type { ExecutionEvent } from "./events";

export const EXECUTION_ID = "exec-1";

let nextId = 1;

export function resetEventIds(start = 1): void {
  nextId = start;
}

/** Builds an event through the real decoder, as the stream would deliver it. */
export function event(type: string, fields: Record<string, unknown>, id: number = nextId++): ExecutionEvent {
  const decoded = decodeEvent(type, String(id), JSON.stringify({ executionId: EXECUTION_ID, ...fields }));
  if (!decoded) throw new Error(`test event ${type} did not decode`);
  return decoded;
}

export function chunk(transformId: string, index: number, delta: string, id?: number): ExecutionEvent {
  return event("transform_chunk", { nodeId: "generate_ideas", transformId, index, delta }, id);
}

export function nodeStart(transformId: string, attempt = 1, id?: number): ExecutionEvent {
  return event("workflow_node_start", { nodeId: "generate_ideas", attempt, transformId }, id);
}

/** Splits a text into chunks of 1–4 characters, as the model's stream does. */
export function splitIntoDeltas(text: string): string[] {
  const deltas: string[] = [];
  let position = 0;
  let size = 1;
  while (position < text.length) {
    deltas.push(text.slice(position, position + size));
    position += size;
    size = (size % 4) + 1;
  }
  return deltas;
}
