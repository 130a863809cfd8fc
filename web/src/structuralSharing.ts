/**
 * Keeps the identity of every part of a new value that equals the same part
 * of the previous one. A streamed object is re-parsed on each frame; with its
 * finished fields kept identical, memoised components skip them and they
 * never flicker.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function shareStructure<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const items = next.map((item: unknown, index) => {
      const shared = shareStructure(previous[index], item);
      if (shared !== previous[index]) same = false;
      return shared;
    });
    return (same ? previous : items) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const shared = shareStructure(Object.hasOwn(previous, key) ? previous[key] : undefined, next[key]);
      if (!Object.hasOwn(previous, key) || shared !== previous[key]) same = false;
      Object.defineProperty(result, key, { value: shared, enumerable: true, writable: true, configurable: true });
    }
    return (same ? previous : result) as T;
  }
  return next;
}
