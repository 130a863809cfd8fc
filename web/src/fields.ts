/** Lenient readers for JSON of unknown shape. */

export type Fields = Record<string, unknown>;

export function record(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return list(value).flatMap((item) => (typeof item === "string" ? [item] : []));
}
