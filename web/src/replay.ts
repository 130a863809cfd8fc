/** Recorded replay of a transform: its stored chunks streamed again at a steady pace, with no model call. */
import { interval, scan, take, type Observable } from "rxjs";
import type { Chunk } from "./apiArtifacts";

export interface ReplayFrame {
  /** Chunks shown so far. */
  shown: number;
  text: string;
}

/** Emits the growing text, `chunksPerSecond` chunks a second, and completes with the whole text. */
export function replayChunks(chunks: readonly Chunk[], chunksPerSecond: number): Observable<ReplayFrame> {
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const tick = Math.max(1, Math.round(1000 / Math.max(1, chunksPerSecond)));
  return interval(tick).pipe(
    take(ordered.length),
    scan(
      (frame: ReplayFrame, position: number) => ({
        shown: position + 1,
        text: frame.text + (ordered[position]?.delta ?? ""),
      }),
      { shown: 0, text: "" },
    ),
  );
}
