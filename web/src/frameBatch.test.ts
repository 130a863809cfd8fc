import { of, Subject } from "rxjs";
import { describe, expect, it } from "vitest";
import { bufferToFrames } from "./frameBatch";
import { shareStructure } from "./structuralSharing";

describe("bufferToFrames", () => {
  it("hands on everything that arrived before a frame as one batch", () => {
    const source = new Subject<number>();
    const frames = new Subject<void>();
    const batches: number[][] = [];
    const subscription = source.pipe(bufferToFrames(() => frames)).subscribe((batch) => batches.push(batch));
    source.next(1);
    source.next(2);
    source.next(3);
    expect(batches).toEqual([]);
    frames.next();
    expect(batches).toEqual([[1, 2, 3]]);
    frames.next();
    expect(batches).toHaveLength(1);
    source.next(4);
    frames.next();
    expect(batches).toEqual([[1, 2, 3], [4]]);
    subscription.unsubscribe();
  });

  it("flushes what is left when the source ends or fails", () => {
    const source = new Subject<string>();
    const batches: string[][] = [];
    let failure: unknown = null;
    source.pipe(bufferToFrames(() => new Subject<void>())).subscribe({
      next: (batch) => batches.push(batch),
      error: (error: unknown) => (failure = error),
    });
    source.next("a");
    source.error(new Error("gone"));
    expect(batches).toEqual([["a"]]);
    expect(failure).toBeInstanceOf(Error);
  });

  it("copes with a frame source that fires at once", () => {
    const source = new Subject<number>();
    const batches: number[][] = [];
    source.pipe(bufferToFrames(() => of(0))).subscribe((batch) => batches.push(batch));
    source.next(1);
    source.next(2);
    expect(batches).toEqual([[1], [2]]);
  });
});

describe("shareStructure", () => {
  it("keeps finished parts identical while a streamed value grows", () => {
    const first = { title: "闪婚", characters: [{ name: "苏念", traits: ["冷静"] }], stages: ["第一"] };
    const second = {
      title: "闪婚",
      characters: [{ name: "苏念", traits: ["冷静"] }, { name: "陆" }],
      stages: ["第一"],
    };
    const shared = shareStructure(first, second);
    expect(shared).toEqual(second);
    expect(shared).not.toBe(first);
    expect(shared.characters[0]).toBe(first.characters[0]);
    expect(shared.stages).toBe(first.stages);
    expect(shared.characters).not.toBe(first.characters);
  });

  it("returns the previous value when nothing changed", () => {
    const value = { a: [1, 2, { b: "c" }] };
    expect(shareStructure(value, JSON.parse(JSON.stringify(value)))).toBe(value);
    expect(shareStructure({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(shareStructure({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
  });
});
