/**
 * The gateway's HTTP API, same-origin with cookie authentication.
 * Every failure is thrown as an `ApiError`.
 */
import { request } from "./apiClient";
import { ApiError } from "./apiError";
import { decodeSnapshot } from "./eventDecoder";
import type { ExecutionSnapshot } from "./events";

export interface User {
  id: string;
  username: string;
}

export interface SystemInfo {
  llm: { demo: boolean; model: string };
}

export interface ExecutionSummary {
  executionId: string;
  workflowId: string;
  status: string;
  currentNode: string | null;
  progress: number;
  createdAt: string | null;
  updatedAt: string | null;
  /** What the execution was started with, e.g. `{outlineArtifactId, episodeNumber}` for an episode. */
  inputs: Record<string, unknown>;
  /** The result artifact of a completed execution. */
  result: { artifactId: string } | null;
}

export interface Artifact {
  id: string;
  type: string;
  data: unknown;
  executionId: string | null;
  createdAt: string | null;
}

/** Reads one artifact of the API; `fallbackId` stands in for a missing id. */
export function readArtifact(value: unknown, fallbackId = ""): Artifact {
  const payload = record(value);
  return {
    id: str(payload.id) ?? fallbackId,
    type: str(payload.type) ?? "",
    data: payload.data ?? null,
    executionId: str(payload.executionId),
    createdAt: str(payload.createdAt),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function readResult(value: unknown): { artifactId: string } | null {
  const artifactId = str(record(value).artifactId);
  return artifactId ? { artifactId } : null;
}

function readUser(payload: unknown): User {
  const user = record(record(payload).user);
  return { id: String(user.id ?? ""), username: str(user.username) ?? "" };
}

export function executionPath(executionId: string, suffix = ""): string {
  return `/api/workflow/execution/${encodeURIComponent(executionId)}${suffix}`;
}

function inputPath(executionId: string, nodeId: string): string {
  return executionPath(executionId, `/input/${encodeURIComponent(nodeId)}`);
}

export function executionEventsUrl(executionId: string): string {
  return executionPath(executionId, "/events");
}

export async function fetchCurrentUser(): Promise<User> {
  return readUser(await request("GET", "/api/auth/me"));
}

export async function login(username: string, password: string): Promise<User> {
  return readUser(await request("POST", "/api/auth/login", { username, password }));
}

export async function register(username: string, password: string): Promise<User> {
  return readUser(await request("POST", "/api/auth/register", { username, password }));
}

export async function logout(): Promise<void> {
  await request("POST", "/api/auth/logout");
}

export async function fetchSystemInfo(): Promise<SystemInfo> {
  const llm = record(record(await request("GET", "/api/system")).llm);
  return { llm: { demo: llm.demo === true, model: str(llm.model) ?? "" } };
}

export async function createExecution(
  workflowId: string,
  inputs?: Record<string, unknown>,
): Promise<{ executionId: string; status: string }> {
  const body = inputs === undefined ? { workflowId } : { workflowId, inputs };
  const payload = record(await request("POST", "/api/workflow/execution", body));
  const executionId = str(payload.executionId);
  if (!executionId) throw new ApiError(502, "bad_response", "服务器没有返回执行编号");
  return { executionId, status: str(payload.status) ?? "running" };
}

export async function listExecutions(): Promise<ExecutionSummary[]> {
  const payload = await request("GET", "/api/workflow/execution");
  const items = Array.isArray(payload) ? payload : [];
  return items
    .map((item: unknown) => {
      const fields = record(item);
      return {
        executionId: str(fields.executionId) ?? "",
        workflowId: str(fields.workflowId) ?? "",
        status: str(fields.status) ?? "",
        currentNode: str(fields.currentNode),
        progress: typeof fields.progress === "number" ? fields.progress : 0,
        createdAt: str(fields.createdAt),
        updatedAt: str(fields.updatedAt),
        inputs: record(fields.inputs),
        result: readResult(fields.result),
      };
    })
    .filter((item) => item.executionId !== "");
}

export async function fetchExecution(executionId: string): Promise<ExecutionSnapshot> {
  return decodeSnapshot(await request("GET", executionPath(executionId)));
}

/** Auto-save: stores a new draft version of a human node's input. */
export async function saveDraft(
  executionId: string,
  nodeId: string,
  data: unknown,
  keepalive = false,
): Promise<number | null> {
  const payload = record(await request("PUT", inputPath(executionId, nodeId), data, keepalive));
  return typeof payload.version === "number" ? payload.version : null;
}

export async function submitInput(executionId: string, nodeId: string, data: unknown): Promise<void> {
  await request("POST", inputPath(executionId, nodeId), data);
}

export interface NodeInput {
  nodeId: string;
  version: number | null;
  data: unknown;
  submitted: boolean;
}

/** The latest stored data of a human node: its draft, or what was submitted. */
export async function fetchInput(executionId: string, nodeId: string): Promise<NodeInput> {
  const payload = record(await request("GET", inputPath(executionId, nodeId)));
  return {
    nodeId: str(payload.nodeId) ?? nodeId,
    version: typeof payload.version === "number" ? payload.version : null,
    data: payload.data ?? null,
    submitted: payload.submitted === true,
  };
}

export async function fetchArtifact(artifactId: string): Promise<Artifact> {
  return readArtifact(await request("GET", `/api/artifacts/${encodeURIComponent(artifactId)}`), artifactId);
}
