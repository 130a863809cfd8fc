/** A one-line description of an artifact, for lists. */
import type { Artifact } from "./api";
import { num, record, str } from "./fields";

export const ARTIFACT_TYPE_LABELS: Record<string, string> = {
  brainstorm_params: "头脑风暴需求",
  brainstorm_idea: "创意",
  user_input: "修改后的创意",
  outline_params: "大纲设置",
  outline: "大纲",
  episode_context: "本集上下文",
  episode_summary: "前情摘要",
  episode: "剧本",
};

export function artifactTypeLabel(type: string): string {
  return ARTIFACT_TYPE_LABELS[type] ?? type;
}

export function artifactSummary(artifact: Artifact): string {
  const data = record(artifact.data);
  const title = str(data.title) ?? str(record(data.modifications).title);
  const episode = num(data.episodeNumber);
  const parts = [
    episode !== null ? `第${episode}集` : "",
    title ?? "",
    str(data.seriesTitle) ? `《${str(data.seriesTitle)}》` : "",
    str(data.platform) ?? "",
    num(data.totalEpisodes) !== null && artifact.type === "outline_params" ? `${num(data.totalEpisodes)} 集` : "",
    str(data.summary)?.slice(0, 40) ?? "",
  ].filter(Boolean);
  return parts.join(" · ");
}
