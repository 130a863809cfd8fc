import { describe, expect, it } from "vitest";
import { parseScript, parseScriptLine, sceneCount, wordCount } from "./script";

const SCRIPT = `1-1 医院走廊，夜，内
|苏念、陆承洲
△走廊的灯闪了两下。
苏念：你来晚了。
苏念(V0)：他果然来了。
陆承洲（冷笑）：我从不迟到。

1-2 天台，夜，外
旁白文字`;

describe("parseScript", () => {
  it("recognises scene headings, cast, action, dialogue and voice-over", () => {
    const lines = parseScript(SCRIPT);
    expect(lines.map((line) => line.kind)).toEqual([
      "scene",
      "cast",
      "action",
      "dialogue",
      "dialogue",
      "dialogue",
      "blank",
      "scene",
      "text",
    ]);
    expect(lines[1]).toEqual({ kind: "cast", text: "苏念、陆承洲" });
    expect(lines[2]).toEqual({ kind: "action", text: "走廊的灯闪了两下。" });
    expect(lines[3]).toEqual({ kind: "dialogue", speaker: "苏念", note: "", voiceOver: false, text: "你来晚了。" });
    expect(lines[4]).toMatchObject({ speaker: "苏念", note: "V0", voiceOver: true, text: "他果然来了。" });
    expect(lines[5]).toMatchObject({ speaker: "陆承洲", note: "冷笑", voiceOver: false });
  });

  it("keeps a half-written line readable while it streams", () => {
    expect(parseScriptLine("1-")).toEqual({ kind: "text", text: "1-" });
    expect(parseScriptLine("1-2 ")).toEqual({ kind: "text", text: "1-2" });
    expect(parseScriptLine("苏念：")).toMatchObject({ kind: "dialogue", speaker: "苏念", text: "" });
    expect(parseScriptLine("△")).toEqual({ kind: "action", text: "" });
  });

  it("counts scenes and words like the server", () => {
    expect(sceneCount(SCRIPT)).toBe(2);
    expect(wordCount("你好 world 42")).toBe(4);
  });
});
