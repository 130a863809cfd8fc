import { describe, expect, it } from "vitest";
import { parsePartialJson } from "./partialJson";

const FULL = JSON.stringify({
  ideas: [
    { title: "逆袭千金", body: "被赶出豪门的真千金，带着“神医”身份归来。\n她步步为营，打脸众人。" },
    { title: "闪婚总裁 😀", body: "契约婚姻\t一年为期，却在第 99 天\\反转" },
    { title: "重生复仇", body: "重活一世，她要让所有人付出代价。" },
  ],
});

describe("parsePartialJson on complete documents", () => {
  it.each([
    ['{"a":1,"b":[true,false,null],"c":"x"}'],
    ['[1, -2.5, 3e2, {"k": "v"}]'],
    ['"just a string"'],
    ["42"],
    ["null"],
    [FULL],
  ])("equals JSON.parse for %s", (text) => {
    expect(parsePartialJson(text)).toEqual(JSON.parse(text));
  });
});

describe("parsePartialJson on unfinished documents", () => {
  it("returns undefined for nothing", () => {
    expect(parsePartialJson("")).toBeUndefined();
    expect(parsePartialJson("   \n")).toBeUndefined();
  });

  it("closes objects and arrays virtually", () => {
    expect(parsePartialJson("{")).toEqual({});
    expect(parsePartialJson('{"ideas":[')).toEqual({ ideas: [] });
    expect(parsePartialJson('{"ideas":[{"title":"甜')).toEqual({ ideas: [{ title: "甜" }] });
    expect(parsePartialJson("[[1,2],[3")).toEqual([[1, 2], [3]]);
  });

  it("keeps an unterminated string and drops an unfinished key", () => {
    expect(parsePartialJson('{"title":"')).toEqual({ title: "" });
    expect(parsePartialJson('{"title":"abc","bo')).toEqual({ title: "abc" });
    expect(parsePartialJson('{"title":"abc","body"')).toEqual({ title: "abc" });
    expect(parsePartialJson('{"title":"abc","body":')).toEqual({ title: "abc" });
    expect(parsePartialJson('{"title":"abc","body": ')).toEqual({ title: "abc" });
  });

  it("drops half-written escapes", () => {
    expect(parsePartialJson('"line\\')).toBe("line");
    expect(parsePartialJson('"a\\u4e')).toBe("a");
    expect(parsePartialJson('"a\\u4e2d')).toBe("a中");
    expect(parsePartialJson('"smile \\ud83d')).toBe("smile ");
    expect(parsePartialJson('"smile \\ud83d\\ude00')).toBe("smile 😀");
  });

  it("reads partial numbers and literals as far as they are valid", () => {
    expect(parsePartialJson("[12")).toEqual([12]);
    expect(parsePartialJson("[1.")).toEqual([1]);
    expect(parsePartialJson("[1e")).toEqual([1]);
    expect(parsePartialJson("[-")).toEqual([]);
    expect(parsePartialJson('{"a":tr')).toEqual({ a: true });
    expect(parsePartialJson('{"a":nu')).toEqual({ a: null });
  });

  it("tolerates a leading code fence and prose", () => {
    expect(parsePartialJson('```json\n{"ideas":[{"title":"A"')).toEqual({ ideas: [{ title: "A" }] });
    expect(parsePartialJson("```")).toBeUndefined();
    expect(parsePartialJson("```json")).toBeUndefined();
    expect(parsePartialJson('```json\n{"a":1}\n```')).toEqual({ a: 1 });
    expect(parsePartialJson('好的，以下是创意：{"a":"b"}')).toEqual({ a: "b" });
    expect(parsePartialJson("the answer: [1")).toEqual([1]);
  });

  it("stops at malformed input and keeps what came before, never throwing", () => {
    expect(parsePartialJson('{"a":1,"b":x}')).toEqual({ a: 1 });
    expect(parsePartialJson('{"a":[1,2,}')).toEqual({ a: [1, 2] });
    expect(parsePartialJson("{a:1}")).toEqual({});
    expect(() => parsePartialJson('}}]]\\\\""::,,')).not.toThrow();
    expect(parsePartialJson("garbage")).toBeUndefined();
  });

  it("keeps __proto__ an ordinary member", () => {
    const value = parsePartialJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parsePartialJson while a document streams in", () => {
  const finalIdeas = (JSON.parse(FULL) as { ideas: { title: string; body: string }[] }).ideas;

  it("only ever shows prefixes of the final titles and bodies", () => {
    for (let end = 0; end <= FULL.length; end += 1) {
      const value = parsePartialJson(FULL.slice(0, end)) as { ideas?: { title?: string; body?: string }[] } | undefined;
      const ideas = value?.ideas ?? [];
      expect(ideas.length).toBeLessThanOrEqual(finalIdeas.length);
      ideas.forEach((idea, i) => {
        const expected = finalIdeas[i];
        if (idea.title !== undefined) expect(expected?.title.startsWith(idea.title)).toBe(true);
        if (idea.body !== undefined) expect(expected?.body.startsWith(idea.body)).toBe(true);
      });
    }
  });

  it("never loses an idea once it has appeared", () => {
    let seen = 0;
    for (let end = 0; end <= FULL.length; end += 1) {
      const value = parsePartialJson(FULL.slice(0, end)) as { ideas?: unknown[] } | undefined;
      const count = value?.ideas?.length ?? 0;
      expect(count).toBeGreaterThanOrEqual(seen);
      seen = count;
    }
    expect(seen).toBe(finalIdeas.length);
  });
});
