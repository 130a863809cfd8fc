/**
 * The script format of an episode: scene headings (`1-1 医院走廊，夜，内`),
 * cast lines (`|…`), action lines (`△…`), dialogue (`角色：台词`) and
 * voice-over (`角色(V0)：…`).
 */

export type ScriptLine =
  | { kind: "scene"; text: string }
  | { kind: "cast"; text: string }
  | { kind: "action"; text: string }
  | { kind: "dialogue"; speaker: string; note: string; voiceOver: boolean; text: string }
  | { kind: "blank" }
  | { kind: "text"; text: string };

const SCENE = /^\d+\s*[-－—]\s*\d+\s+\S/;
const DIALOGUE = /^([^\s：:△|（(]{1,16})\s*(?:[（(]([^）)]{0,16})[）)])?\s*[：:](.*)$/;
const VOICE_OVER = /^(V0|VO|OS|画外音|旁白)$/i;

export function parseScriptLine(raw: string): ScriptLine {
  const line = raw.trim();
  if (line === "") return { kind: "blank" };
  if (SCENE.test(line)) return { kind: "scene", text: line };
  if (line.startsWith("|") || line.startsWith("｜")) return { kind: "cast", text: line.slice(1).trim() };
  if (line.startsWith("△")) return { kind: "action", text: line.slice(1).trim() };
  const dialogue = DIALOGUE.exec(line);
  if (dialogue) {
    const note = (dialogue[2] ?? "").trim();
    return {
      kind: "dialogue",
      speaker: dialogue[1] ?? "",
      note,
      voiceOver: VOICE_OVER.test(note),
      text: (dialogue[3] ?? "").trim(),
    };
  }
  return { kind: "text", text: line };
}

export function parseScript(content: string): ScriptLine[] {
  return content.split(/\r?\n/).map(parseScriptLine);
}

/** Scene headings of a script, e.g. for a table of contents. */
export function sceneCount(content: string): number {
  return parseScript(content).filter((line) => line.kind === "scene").length;
}

/** CJK characters count one each, other words one each (as the server counts). One pass, no allocation. */
export function wordCount(content: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < content.length; index += 1) {
    const code = content.charCodeAt(index);
    if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) {
      count += 1;
      inWord = false;
    } else if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      if (!inWord) count += 1;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return count;
}
