/** The latest text of each episode of a series, from the outline's descendants. */
import type { Artifact } from "./api";
import { num, record, text } from "./fields";
import type { EpisodeText } from "./markdown";

export function latestEpisodes(descendants: readonly Artifact[]): EpisodeText[] {
  const latest = new Map<number, { episode: EpisodeText; createdAt: string }>();
  for (const artifact of descendants) {
    if (artifact.type !== "episode") continue;
    const data = record(artifact.data);
    const episodeNumber = num(data.episodeNumber);
    if (episodeNumber === null) continue;
    const createdAt = artifact.createdAt ?? "";
    const known = latest.get(episodeNumber);
    if (known && known.createdAt > createdAt) continue;
    latest.set(episodeNumber, {
      episode: { episodeNumber, title: text(data.title), content: text(data.content) },
      createdAt,
    });
  }
  return [...latest.values()].map(({ episode }) => episode).sort((a, b) => a.episodeNumber - b.episodeNumber);
}
