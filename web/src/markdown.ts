/** Markdown exports: one episode, an outline, and a whole series. */
import { characterTypeLabel, stageName, type Outline } from "./outline";
import { parseScript, type ScriptLine } from "./script";

export interface EpisodeText {
  episodeNumber: number;
  title: string;
  content: string;
}

function scriptLineMarkdown(line: ScriptLine): string | null {
  switch (line.kind) {
    case "blank":
      return null;
    case "scene":
      return `### ${line.text}`;
    case "cast":
      return `> 人物：${line.text}`;
    case "action":
      return `△${line.text}`;
    case "dialogue": {
      const note = line.note ? `（${line.note}）` : "";
      return `**${line.speaker}**${note}：${line.text}`;
    }
    case "text":
      return line.text;
  }
}

export function episodeHeading(episode: Pick<EpisodeText, "episodeNumber" | "title">): string {
  return episode.title ? `第${episode.episodeNumber}集 ${episode.title}` : `第${episode.episodeNumber}集`;
}

export function episodeMarkdown(episode: EpisodeText, level = 1): string {
  const heading = `${"#".repeat(level)} ${episodeHeading(episode)}`;
  const body = parseScript(episode.content)
    .map(scriptLineMarkdown)
    .filter((line): line is string => line !== null);
  return [heading, ...body].join("\n\n") + "\n";
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

export function outlineMarkdown(outline: Outline, level = 1): string {
  const h = (depth: number): string => "#".repeat(level + depth);
  const parts: string[] = [`${h(0)} ${outline.title || "未命名"}`];
  const facts = [
    outline.genre && `类型：${outline.genre}`,
    outline.totalEpisodes && `集数：${outline.totalEpisodes} 集`,
    outline.episodeDuration && `每集时长：${outline.episodeDuration} 分钟`,
    outline.target_audience.demographic && `目标观众：${outline.target_audience.demographic}`,
    outline.target_audience.core_themes.length > 0 && `核心主题：${outline.target_audience.core_themes.join("、")}`,
  ].filter(Boolean);
  if (facts.length > 0) parts.push(facts.join("  \n"));
  if (outline.selling_points.length > 0) parts.push(`${h(1)} 卖点`, bullets(outline.selling_points));
  if (outline.satisfaction_points.length > 0) parts.push(`${h(1)} 爽点`, bullets(outline.satisfaction_points));
  if (outline.setting.core_setting_summary || outline.setting.key_scenes.length > 0) {
    parts.push(`${h(1)} 故事设定`);
    if (outline.setting.core_setting_summary) parts.push(outline.setting.core_setting_summary);
    if (outline.setting.key_scenes.length > 0) parts.push(bullets(outline.setting.key_scenes));
  }
  if (outline.characters.length > 0) {
    parts.push(`${h(1)} 人物`);
    for (const character of outline.characters) {
      parts.push(`${h(2)} ${character.name}（${characterTypeLabel(character.type)}）`);
      const facts = [character.age, character.gender, character.occupation].filter(Boolean).join(" · ");
      const lines = [
        facts,
        character.description,
        character.personality_traits.length > 0 && `性格：${character.personality_traits.join("、")}`,
        character.character_arc && `人物弧光：${character.character_arc}`,
        ...Object.entries(character.relationships).map(([name, relation]) => `与${name}：${relation}`),
      ].filter(Boolean);
      if (lines.length > 0) parts.push(lines.join("  \n"));
    }
  }
  if (outline.synopsis_stages.length > 0) {
    parts.push(`${h(1)} 剧情阶段`);
    outline.synopsis_stages.forEach((stage, index) => parts.push(`${h(2)} ${stageName(index)}`, stage));
  }
  return parts.join("\n\n") + "\n";
}

export function seriesMarkdown(outline: Outline, episodes: readonly EpisodeText[]): string {
  const sorted = [...episodes].sort((a, b) => a.episodeNumber - b.episodeNumber);
  const parts = [outlineMarkdown(outline, 1)];
  if (sorted.length > 0) parts.push("# 分集剧本\n", ...sorted.map((episode) => episodeMarkdown(episode, 2)));
  return parts.join("\n");
}
