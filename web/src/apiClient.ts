/**
 * The gateway's HTTP API, same-origin with cookie authentication.
 * Every failure is thrown as an `ApiError`.
 */
import { ApiError, apiErrorFromBody } from "./apiError";

export type Method = "GET" | "POST" | "PUT";

/** A keepalive request's body must stay under the browser's 64 KiB budget. */
const KEEPALIVE_LIMIT = 60_000;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function request(method: Method, path: string, body?: unknown, keepalive = false): Promise<unknown> {
  const serialized = body === undefined ? undefined : JSON.stringify(body);
  const init: RequestInit = {
    method,
    credentials: "same-origin",
    headers:
      body === undefined
        ? { Accept: "application/json" }
        : { Accept: "application/json", "Content-Type": "application/json" },
    keepalive: keepalive && (serialized === undefined || new Blob([serialized]).size < KEEPALIVE_LIMIT),
  };
  if (serialized !== undefined) init.body = serialized;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : "");
  }
  const payload = await readBody(response).catch(() => null);
  if (!response.ok) throw apiErrorFromBody(response.status, payload);
  return payload;
}
