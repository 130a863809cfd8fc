import { useState } from "react";
import { ErrorNotice } from "./ErrorNotice";
import { ExportButtons } from "./ExportButtons";
import { seriesMarkdown } from "./markdown";
import type { Outline } from "./outline";
import { nextEpisodeNumber } from "./seriesIndex";
import { latestEpisodes } from "./seriesEpisodes";
import { useSeries } from "./useSeries";

interface SeriesPanelProps {
  outlineArtifactId: string;
  outline: Outline;
  onOpen: (executionId: string) => void;
}

const SLOT_LABELS: Record<string, string> = {
  none: "未开始",
  running: "生成中",
  paused: "待确认",
  completed: "已完成",
  failed: "失败",
  cancelled: "已停止",
};

/** The episodes of the series: which exist and in what state; start the next one; export them all. */
export function SeriesPanel({ outlineArtifactId, outline, onOpen }: SeriesPanelProps) {
  const total = outline.totalEpisodes ?? 1;
  const series = useSeries(outlineArtifactId, total);
  const [starting, setStarting] = useState<number | null>(null);
  const next = nextEpisodeNumber(series.slots);
  const written = series.slots.filter((slot) => slot.status === "completed").length;

  async function open(episodeNumber: number, executionId: string | null): Promise<void> {
    if (executionId) {
      onOpen(executionId);
      return;
    }
    setStarting(episodeNumber);
    const created = await series.startEpisode(episodeNumber);
    setStarting(null);
    if (created) onOpen(created);
  }

  return (
    <section className="card series-panel" data-testid="series-panel">
      <header className="card-header">
        <h2>分集剧本</h2>
        <span className="muted">
          已完成 {written} / {total} 集
        </span>
      </header>
      <div className="series-actions">
        {next <= total && (
          <button
            type="button"
            className="button primary"
            data-testid="generate-episode"
            data-episode={next}
            disabled={starting !== null || series.loading}
            onClick={() => void open(next, null)}
          >
            {starting === next ? "创建中…" : `生成第 ${next} 集`}
          </button>
        )}
        <ExportButtons
          label="导出全剧"
          testIdPrefix="export-series"
          markdown={() => seriesMarkdown(outline, latestEpisodes(series.descendants))}
          filename={`${outline.title || "剧本"}_全剧`}
        />
      </div>
      {series.failure !== null && <ErrorNotice error={series.failure} />}
      {series.loading && <p className="muted">正在载入分集…</p>}
      <ol className="episode-slots">
        {series.slots.map((slot) => (
          <li key={slot.episodeNumber}>
            <button
              type="button"
              className={`episode-slot slot-${slot.status}`}
              data-testid="episode-slot"
              data-episode={slot.episodeNumber}
              data-status={slot.status}
              title={slot.title || SLOT_LABELS[slot.status]}
              disabled={starting !== null}
              onClick={() => void open(slot.episodeNumber, slot.executionId)}
            >
              <span className="slot-number">第 {slot.episodeNumber} 集</span>
              <span className="slot-status">
                {starting === slot.episodeNumber ? "创建中…" : SLOT_LABELS[slot.status]}
              </span>
              {slot.title && <span className="slot-title">{slot.title}</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
