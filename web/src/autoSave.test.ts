import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutoSaver, type SaveStatus } from "./autoSave";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(save: (data: string) => Promise<unknown> = () => Promise.resolve()) {
  const statuses: SaveStatus[] = [];
  const saved: string[] = [];
  const saver = createAutoSaver<string>(
    (data) => {
      saved.push(data);
      return save(data);
    },
    800,
    (status) => statuses.push(status),
  );
  return { saver, statuses, saved };
}

describe("createAutoSaver", () => {
  it("saves the latest data once the writer pauses", async () => {
    const { saver, statuses, saved } = setup();
    saver.push("a");
    await vi.advanceTimersByTimeAsync(500);
    saver.push("ab");
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(saved).toEqual(["ab"]);
    expect(statuses.at(-1)).toBe("saved");
    saver.dispose();
  });

  it("ignores unchanged data", async () => {
    const { saver, saved } = setup();
    saver.push("a");
    await vi.advanceTimersByTimeAsync(800);
    saver.push("a");
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(["a"]);
    saver.dispose();
  });

  it("saves in order and reports saved only for the newest data", async () => {
    let release: () => void = () => undefined;
    const { saver, statuses, saved } = setup((data) =>
      data === "first" ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve(),
    );
    saver.push("first");
    await vi.advanceTimersByTimeAsync(800);
    saver.push("second");
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(["first"]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(["first", "second"]);
    expect(statuses.at(-1)).toBe("saved");
    saver.dispose();
  });

  it("reports a failed save and retries the same data on the next push", async () => {
    let fail = true;
    const { saver, statuses, saved } = setup(() => (fail ? Promise.reject(new Error("409")) : Promise.resolve()));
    saver.push("a");
    await vi.advanceTimersByTimeAsync(800);
    expect(statuses.at(-1)).toBe("error");
    fail = false;
    saver.push("a");
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(["a", "a"]);
    expect(statuses.at(-1)).toBe("saved");
    saver.dispose();
  });

  it("flushes at once, and drops queued data when cancelled", async () => {
    const { saver, saved } = setup();
    saver.push("now");
    saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(["now"]);
    saver.push("dropped");
    saver.cancelPending();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["now"]);
    saver.dispose();
    saver.push("after dispose");
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["now"]);
  });

  it("sends the newest draft at once when the page goes away, even past a save in flight", async () => {
    let release: () => void = () => undefined;
    const { saver, statuses, saved } = setup((data) =>
      data === "slow" ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve(),
    );
    saver.push("slow");
    await vi.advanceTimersByTimeAsync(800);
    saver.push("typed just before leaving");
    saver.flushNow();
    expect(saved).toEqual(["slow", "typed just before leaving"]);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["slow", "typed just before leaving"]);
    expect(statuses.at(-1)).toBe("saved");
    saver.flushNow();
    expect(saved).toHaveLength(2);
    saver.dispose();
  });
});
