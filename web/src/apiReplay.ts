/**
 * Server-side replay of an LLM transform: its recorded chunks streamed again
 * (no model call), or its stored prompt sent to the model again and the
 * answer compared with the recorded one.
 */
import { ApiError, apiErrorFromBody } from "./apiError";
import { request } from "./apiClient";
import { list, num, record, str } from "./fields";
import { readSse } from "./sseFrames";

function replayPath(transformId: string): string {
  return `/api/transforms/${encodeURIComponent(transformId)}/replay`;
}

export interface RecordedReplayProgress {
  /** Chunks received so far. */
  shown: number;
  text: string;
  /** The transform's final status, once the stream says it. */
  status: string | null;
}

/** Streams the recorded chunks back from the server; `onFrame` sees the growing text. */
export async function replayRecorded(
  transformId: string,
  onFrame: (frame: RecordedReplayProgress) => void,
  signal?: AbortSignal,
): Promise<RecordedReplayProgress> {
  let response: Response;
  try {
    response = await fetch(replayPath(transformId), {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "text/event-stream", "Content-Type": "application/json" },
      body: JSON.stringify({ mode: "recorded" }),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : "");
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {
      // Not JSON: the text itself is the message.
    }
    throw apiErrorFromBody(response.status || 502, payload);
  }
  let frame: RecordedReplayProgress = { shown: 0, text: "", status: null };
  await readSse(
    response.body,
    (message) => {
      let data: Record<string, unknown>;
      try {
        data = record(JSON.parse(message.data));
      } catch {
        return;
      }
      if (message.event === "transform_chunk") {
        frame = { ...frame, shown: frame.shown + 1, text: frame.text + (str(data.delta) ?? "") };
        onFrame(frame);
      } else if (message.event === "workflow_progress") {
        frame = { ...frame, status: str(data.status) };
        onFrame(frame);
      }
    },
    signal,
  );
  return frame;
}

export interface RerunComparison {
  /** 0…1: how alike the new answer is to the recorded one. */
  similarity: number;
  /** Unified-diff lines (`@@`, `-recorded`, `+rerun`). */
  differences: string[];
  model: string | null;
}

/** Sends the stored prompt to the model again and compares the answer with the recorded one. */
export async function replayRerun(transformId: string): Promise<RerunComparison> {
  const payload = record(await request("POST", replayPath(transformId), { mode: "rerun" }));
  return {
    similarity: num(payload.similarity) ?? 0,
    differences: list(payload.differences).flatMap((line) => (typeof line === "string" ? [line] : [])),
    model: str(payload.model),
  };
}
