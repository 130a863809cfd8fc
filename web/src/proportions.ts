/**
 * Integer percentages, one per genre path, always summing to 100.
 *
 * Adding a path splits equally; editing one value spreads the difference over
 * the others in proportion to their current values; removing a path rescales
 * the rest.
 */

export const TOTAL_PERCENT = 100;

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(TOTAL_PERCENT, Math.max(0, Math.round(value)));
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder
 * method); zero or invalid weights everywhere mean an equal split.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  const shares = clean.map((w) => (sum > 0 ? (total * w) / sum : total / clean.length));
  const result = shares.map(Math.floor);
  let missing = total - result.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
    missing -= 1;
  }
  return result;
}

/** `count` equal integer shares of 100; the first ones take the remainder. */
export function equalSplit(count: number): number[] {
  return apportion(TOTAL_PERCENT, new Array<number>(Math.max(0, count)).fill(1));
}

/** Sets one value and adjusts the others so that the total stays 100. */
export function adjustProportion(current: readonly number[], index: number, value: number): number[] {
  if (current.length <= 1) return current.length === 1 ? [TOTAL_PERCENT] : [];
  if (index < 0 || index >= current.length) return [...current];
  const fixed = clampPercent(value);
  const others = current.filter((_, i) => i !== index);
  const spread = apportion(TOTAL_PERCENT - fixed, others);
  const result: number[] = [];
  let next = 0;
  for (let i = 0; i < current.length; i += 1) {
    result.push(i === index ? fixed : (spread[next++] ?? 0));
  }
  return result;
}

/** Rescales any list of values to integers summing to 100. */
export function normalizeProportions(values: readonly number[]): number[] {
  return apportion(TOTAL_PERCENT, values);
}

export function removeProportion(current: readonly number[], index: number): number[] {
  return normalizeProportions(current.filter((_, i) => i !== index));
}

export function sumsTo100(values: readonly number[]): boolean {
  return values.every((v) => Number.isInteger(v) && v >= 0) && values.reduce((a, b) => a + b, 0) === TOTAL_PERCENT;
}
