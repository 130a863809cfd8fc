import { describe, expect, it } from "vitest";
import { documentXml, markdownToBlocks, markdownToDocx } from "./docx";
import { episodeMarkdown, outlineMarkdown, seriesMarkdown } from "./markdown";
import { outlineFrom } from "./outline";
import { crc32 } from "./zip";

const OUTLINE = outlineFrom({
  title: "闪婚总裁",
  genre: "女频",
  selling_points: ["反差"],
  satisfaction_points: ["打脸"],
  setting: { core_setting_summary: "江城", key_scenes: ["婚房"] },
  characters: [{ name: "苏念", type: "女主", description: "医女", personality_traits: ["冷静", "聪明"] }],
  synopsis_stages: ["开端", "发展"],
  totalEpisodes: 10,
});

describe("Markdown exports", () => {
  it("formats an episode: heading, scenes, cast, action and bold speakers", () => {
    const markdown = episodeMarkdown({
      episodeNumber: 2,
      title: "撕破脸",
      content: "2-1 客厅，夜，内\n|苏念\n△门开了。\n苏念：走。",
    });
    expect(markdown).toBe("# 第2集 撕破脸\n\n### 2-1 客厅，夜，内\n\n> 人物：苏念\n\n△门开了。\n\n**苏念**：走。\n");
  });

  it("formats an outline with Chinese character labels and stages", () => {
    const markdown = outlineMarkdown(OUTLINE);
    expect(markdown).toContain("# 闪婚总裁");
    expect(markdown).toContain("集数：10 集");
    expect(markdown).toContain("## 爽点\n\n- 打脸");
    expect(markdown).toContain("### 苏念（女主）");
    expect(markdown).toContain("性格：冷静、聪明");
    expect(markdown).toContain("### 第二阶段\n\n发展");
  });

  it("puts a series' episodes in order after its outline", () => {
    const markdown = seriesMarkdown(OUTLINE, [
      { episodeNumber: 2, title: "二", content: "x" },
      { episodeNumber: 1, title: "一", content: "y" },
    ]);
    expect(markdown.indexOf("## 第1集 一")).toBeGreaterThan(markdown.indexOf("# 分集剧本"));
    expect(markdown.indexOf("## 第1集 一")).toBeLessThan(markdown.indexOf("## 第2集 二"));
  });
});

describe("Word export", () => {
  it("turns Markdown into styled paragraphs with bold runs", () => {
    expect(markdownToBlocks("# 标题\n\n> 人物：甲\n\n**甲**：台词\n- 点")).toEqual([
      { style: "Title", runs: [{ text: "标题", bold: false }] },
      { style: "Quote", runs: [{ text: "人物：甲", bold: false }] },
      {
        style: "Normal",
        runs: [
          { text: "甲", bold: true },
          { text: "：台词", bold: false },
        ],
      },
      { style: "Normal", runs: [{ text: "• 点", bold: false }] },
    ]);
  });

  it("escapes text in the document XML", () => {
    const xml = documentXml([{ style: "Heading1", runs: [{ text: "A<&>B", bold: false }] }]);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain("A&lt;&amp;&gt;B");
  });

  it("packs a ZIP with the parts Word needs", () => {
    const bytes = markdownToDocx("# 第1集\n\n苏念：走。");
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const end = bytes.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    expect(view.getUint16(end + 10, true)).toBe(5);
    const text = new TextDecoder().decode(bytes);
    for (const part of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]) {
      expect(text).toContain(part);
    }
    expect(text).toContain("苏念：走。");
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});
