import { describe, expect, it } from "vitest";
import {
  adjustProportion,
  apportion,
  equalSplit,
  normalizeProportions,
  removeProportion,
  sumsTo100,
} from "./proportions";

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe("equalSplit", () => {
  it("splits 100 into near-equal integers", () => {
    expect(equalSplit(0)).toEqual([]);
    expect(equalSplit(1)).toEqual([100]);
    expect(equalSplit(2)).toEqual([50, 50]);
    expect(equalSplit(3)).toEqual([34, 33, 33]);
  });
});

describe("apportion", () => {
  it("always returns integers with the exact total", () => {
    for (const weights of [
      [1, 1, 1],
      [2, 1],
      [0, 0, 0],
      [0.3, 0.3, 0.4],
      [7, 0, 3],
      [1e-9, 1],
    ]) {
      const shares = apportion(100, weights);
      expect(sum(shares)).toBe(100);
      expect(shares.every(Number.isInteger)).toBe(true);
    }
  });

  it("ignores negative and invalid weights", () => {
    expect(apportion(10, [-5, Number.NaN, 1])).toEqual([0, 0, 10]);
  });
});

describe("adjustProportion", () => {
  it("gives the rest to the other path when there are two", () => {
    expect(adjustProportion([50, 50], 0, 70)).toEqual([70, 30]);
    expect(adjustProportion([70, 30], 1, 45)).toEqual([55, 45]);
  });

  it("spreads the difference over the others in proportion to their values", () => {
    expect(adjustProportion([34, 33, 33], 0, 50)).toEqual([50, 25, 25]);
    expect(adjustProportion([20, 60, 20], 1, 40)).toEqual([30, 40, 30]);
    expect(adjustProportion([100, 0, 0], 0, 40)).toEqual([40, 30, 30]);
  });

  it("clamps and rounds the edited value", () => {
    expect(adjustProportion([50, 50], 0, 150)).toEqual([100, 0]);
    expect(adjustProportion([50, 50], 0, -3)).toEqual([0, 100]);
    expect(adjustProportion([50, 50], 0, 33.6)).toEqual([34, 66]);
    expect(adjustProportion([50, 50], 0, Number.NaN)).toEqual([0, 100]);
  });

  it("keeps the total at 100 for any edit", () => {
    let values = equalSplit(3);
    for (const [index, value] of [
      [0, 10],
      [1, 95],
      [2, 7],
      [0, 99],
      [1, 0],
      [2, 100],
    ] as const) {
      values = adjustProportion(values, index, value);
      expect(values[index]).toBe(value);
      expect(sumsTo100(values)).toBe(true);
    }
  });

  it("leaves a single path at 100", () => {
    expect(adjustProportion([100], 0, 40)).toEqual([100]);
  });
});

describe("removing and normalizing", () => {
  it("rescales the remaining paths", () => {
    expect(removeProportion([50, 30, 20], 0)).toEqual([60, 40]);
    expect(removeProportion([50, 50], 1)).toEqual([100]);
    expect(normalizeProportions([1, 1, 2])).toEqual([25, 25, 50]);
    expect(normalizeProportions([0, 0])).toEqual([50, 50]);
  });

  it("recognizes valid proportions", () => {
    expect(sumsTo100([40, 60])).toBe(true);
    expect(sumsTo100([40, 59])).toBe(false);
    expect(sumsTo100([40.5, 59.5])).toBe(false);
  });
});
