/** Artifacts, their lineage, and the transforms that made them. */
import { readArtifact, type Artifact } from "./api";
import { request } from "./apiClient";
import { list, num, record, str } from "./fields";

export interface TransformSummary {
  id: string;
  type: string;
  status: string;
  nodeId: string | null;
  executionId: string | null;
  inputs: { artifactId: string; role: string }[];
  outputs: { artifactId: string; role: string }[];
  attempt: number | null;
  createdAt: string | null;
}

export interface Transform extends TransformSummary {
  prompt: unknown;
  model: string | null;
  rawResponse: string | null;
  usage: Record<string, unknown> | null;
  action: string | null;
  modifications: unknown;
  error: unknown;
  completedAt: string | null;
}

export interface Lineage {
  ancestors: Artifact[];
  descendants: Artifact[];
  transforms: TransformSummary[];
}

export interface Chunk {
  index: number;
  delta: string;
}

function artifactRefs(value: unknown): { artifactId: string; role: string }[] {
  return list(value).flatMap((item) => {
    const fields = record(item);
    const artifactId = str(fields.artifactId);
    return artifactId ? [{ artifactId, role: str(fields.role) ?? "" }] : [];
  });
}

export function readTransformSummary(value: unknown): TransformSummary {
  const fields = record(value);
  return {
    id: str(fields.id) ?? "",
    type: str(fields.type) ?? "",
    status: str(fields.status) ?? "",
    nodeId: str(fields.nodeId),
    executionId: str(fields.executionId),
    inputs: artifactRefs(fields.inputs),
    outputs: artifactRefs(fields.outputs),
    attempt: num(fields.attempt),
    createdAt: str(fields.createdAt),
  };
}

export function readTransform(value: unknown): Transform {
  const fields = record(value);
  const usage = fields.usage;
  return {
    ...readTransformSummary(value),
    prompt: fields.prompt ?? null,
    model: str(fields.model),
    rawResponse: str(fields.rawResponse),
    usage: typeof usage === "object" && usage !== null ? record(usage) : null,
    action: str(fields.action),
    modifications: fields.modifications ?? null,
    error: fields.error ?? null,
    completedAt: str(fields.completedAt),
  };
}

export async function listArtifacts(filter: { type?: string; executionId?: string } = {}): Promise<Artifact[]> {
  const query = new URLSearchParams();
  if (filter.type) query.set("type", filter.type);
  if (filter.executionId) query.set("executionId", filter.executionId);
  const suffix = query.toString() ? `?${query.toString()}` : "";
  return list(await request("GET", `/api/artifacts${suffix}`)).map((item) => readArtifact(item));
}

export async function fetchLineage(artifactId: string): Promise<Lineage> {
  const payload = record(await request("GET", `/api/artifacts/${encodeURIComponent(artifactId)}/lineage`));
  return {
    ancestors: list(payload.ancestors).map((item) => readArtifact(item)),
    descendants: list(payload.descendants).map((item) => readArtifact(item)),
    transforms: list(payload.transforms).map(readTransformSummary),
  };
}

export async function fetchTransform(transformId: string): Promise<Transform> {
  return readTransform(await request("GET", `/api/transforms/${encodeURIComponent(transformId)}`));
}

export async function fetchChunks(transformId: string): Promise<Chunk[]> {
  const chunks = list(await request("GET", `/api/transforms/${encodeURIComponent(transformId)}/chunks`));
  return chunks
    .flatMap((item) => {
      const fields = record(item);
      const index = num(fields.index);
      const delta = str(fields.delta);
      return index === null || delta === null ? [] : [{ index, delta }];
    })
    .sort((a, b) => a.index - b.index);
}

/** Every transform of one execution, oldest first: each attempt of each node, model calls and human input. */
export async function listTransforms(executionId: string): Promise<TransformSummary[]> {
  const query = new URLSearchParams({ executionId });
  return list(await request("GET", `/api/transforms?${query.toString()}`)).map(readTransformSummary);
}
