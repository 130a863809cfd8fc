import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replayChunks, type ReplayFrame } from "./replay";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("replayChunks", () => {
  it("streams the recorded chunks again in index order at the chosen pace", async () => {
    const frames: ReplayFrame[] = [];
    let done = false;
    replayChunks(
      [
        { index: 1, delta: "b" },
        { index: 0, delta: "a" },
        { index: 2, delta: "c" },
      ],
      10,
    ).subscribe({ next: (frame) => frames.push(frame), complete: () => (done = true) });
    await vi.advanceTimersByTimeAsync(100);
    expect(frames).toEqual([{ shown: 1, text: "a" }]);
    await vi.advanceTimersByTimeAsync(200);
    expect(frames.at(-1)).toEqual({ shown: 3, text: "abc" });
    expect(done).toBe(true);
  });
});
