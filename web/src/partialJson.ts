/**
 * A tolerant parser for JSON that is still being written.
 *
 * `parsePartialJson` returns the best value of an unfinished document: an
 * unterminated string keeps the characters seen so far, unfinished objects and
 * arrays are closed virtually, an object member whose key or value has not
 * begun is left out. Malformed input ends the parse at the first bad character
 * and keeps what came before. It never throws.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const LITERALS: Record<string, JsonValue> = { true: true, false: false, null: null };
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
const NUMBER_TOKEN = /-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
const VALID_NUMBER_PREFIX = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

interface StringResult {
  value: string;
  closed: boolean;
}

class PartialJsonParser {
  private pos = 0;
  private halted = false;

  constructor(private readonly text: string) {}

  private get done(): boolean {
    return this.halted || this.pos >= this.text.length;
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && /\s/.test(this.peek())) this.pos += 1;
  }

  parseValue(): JsonValue | undefined {
    this.skipWhitespace();
    if (this.done) return undefined;
    const c = this.peek();
    if (c === "{") return this.parseObject();
    if (c === "[") return this.parseArray();
    if (c === '"') return this.parseString().value;
    if (c === "-" || (c >= "0" && c <= "9")) return this.parseNumber();
    if (c === "t" || c === "f" || c === "n") return this.parseLiteral();
    this.halted = true;
    return undefined;
  }

  private parseObject(): JsonObject {
    const result: JsonObject = {};
    this.pos += 1;
    while (true) {
      this.skipWhitespace();
      if (this.done) return result;
      const c = this.peek();
      if (c === "}") {
        this.pos += 1;
        return result;
      }
      if (c === ",") {
        this.pos += 1;
        continue;
      }
      if (c !== '"') {
        this.halted = true;
        return result;
      }
      const key = this.parseString();
      if (!key.closed) return result;
      this.skipWhitespace();
      if (this.done) return result;
      if (this.peek() !== ":") {
        this.halted = true;
        return result;
      }
      this.pos += 1;
      const value = this.parseValue();
      if (value !== undefined) {
        // defineProperty keeps a "__proto__" key an ordinary member.
        Object.defineProperty(result, key.value, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }

  private parseArray(): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos += 1;
    while (true) {
      this.skipWhitespace();
      if (this.done) return result;
      const c = this.peek();
      if (c === "]") {
        this.pos += 1;
        return result;
      }
      if (c === ",") {
        this.pos += 1;
        continue;
      }
      const value = this.parseValue();
      if (value === undefined) return result;
      result.push(value);
    }
  }

  private parseString(): StringResult {
    const text = this.text;
    let value = "";
    this.pos += 1;
    while (this.pos < text.length) {
      const c = text.charAt(this.pos);
      if (c === '"') {
        this.pos += 1;
        return { value, closed: true };
      }
      if (c !== "\\") {
        value += c;
        this.pos += 1;
        continue;
      }
      const escape = text.charAt(this.pos + 1);
      if (escape === "") break;
      if (escape === "u") {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (hex.length < 4) break;
        if (HEX4.test(hex)) value += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      value += SIMPLE_ESCAPES[escape] ?? escape;
      this.pos += 2;
    }
    this.pos = text.length;
    return { value: dropDanglingHighSurrogate(value), closed: false };
  }

  private parseNumber(): number | undefined {
    NUMBER_TOKEN.lastIndex = this.pos;
    const match = NUMBER_TOKEN.exec(this.text);
    const token = match?.[0] ?? "";
    this.pos += Math.max(token.length, 1);
    const valid = VALID_NUMBER_PREFIX.exec(token);
    if (!valid) {
      this.halted = true;
      return undefined;
    }
    return Number(valid[0]);
  }

  private parseLiteral(): JsonValue | undefined {
    for (const [word, value] of Object.entries(LITERALS)) {
      const available = this.text.slice(this.pos, this.pos + word.length);
      if (available.length > 0 && word.startsWith(available)) {
        this.pos += available.length;
        return value;
      }
    }
    this.halted = true;
    return undefined;
  }
}

function dropDanglingHighSurrogate(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? value.slice(0, -1) : value;
}

function startsWithLiteral(text: string): boolean {
  const word = /^[a-z]+/.exec(text)?.[0] ?? "";
  return word !== "" && Object.keys(LITERALS).some((literal) => literal.startsWith(word));
}

/** Skips a leading Markdown code fence and any prose before the first `{` or `[`. */
function jsonStart(text: string): number {
  let start = 0;
  while (start < text.length && /\s/.test(text.charAt(start))) start += 1;
  if (text.startsWith("```", start)) {
    const newline = text.indexOf("\n", start);
    if (newline < 0) return -1;
    start = newline + 1;
  }
  const rest = text.slice(start);
  const firstValue = rest.search(/\S/);
  if (firstValue < 0) return -1;
  if (/[{["\-0-9]/.test(rest.charAt(firstValue)) || startsWithLiteral(rest.slice(firstValue))) {
    return start + firstValue;
  }
  const bracket = rest.search(/[{[]/);
  return bracket < 0 ? -1 : start + bracket;
}

export function parsePartialJson(text: string): JsonValue | undefined {
  try {
    const start = jsonStart(text);
    if (start < 0) return undefined;
    return new PartialJsonParser(text.slice(start)).parseValue();
  } catch {
    return undefined;
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
