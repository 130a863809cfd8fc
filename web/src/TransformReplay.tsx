import { useEffect, useRef, useState } from "react";
import type { Chunk } from "./apiArtifacts";
import { replayRecorded, replayRerun, type RerunComparison } from "./apiReplay";
import { ErrorNotice } from "./ErrorNotice";
import { replayChunks, type ReplayFrame } from "./replay";

const SPEEDS = [20, 100, 500];

interface TransformReplayProps {
  transformId: string;
  chunks: readonly Chunk[];
  /** Only model calls can be replayed by the server. */
  llm: boolean;
}

type Playing = { kind: "local"; speed: number } | { kind: "server" } | null;

function diffLineClass(line: string): string {
  if (line.startsWith("@@")) return "diff-hunk";
  if (line.startsWith("+")) return "diff-added";
  if (line.startsWith("-")) return "diff-removed";
  return "";
}

/**
 * Plays a transform's recorded chunks again: paced here from the stored
 * chunks, or streamed by the server (no model call). A model call can also be
 * run again with its stored prompt and compared with the recorded answer.
 */
export function TransformReplay({ transformId, chunks, llm }: TransformReplayProps) {
  const [playing, setPlaying] = useState<Playing>(null);
  const [frame, setFrame] = useState<ReplayFrame | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [comparison, setComparison] = useState<RerunComparison | null>(null);
  const [comparing, setComparing] = useState(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (playing === null) return undefined;
    setFrame({ shown: 0, text: "" });
    setFailure(null);
    if (playing.kind === "local") {
      const subscription = replayChunks(chunks, playing.speed).subscribe({
        next: setFrame,
        complete: () => setPlaying(null),
      });
      return () => subscription.unsubscribe();
    }
    const abort = new AbortController();
    replayRecorded(transformId, (next) => setFrame({ shown: next.shown, text: next.text }), abort.signal)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      })
      .finally(() => {
        if (!abort.signal.aborted) setPlaying(null);
      });
    return () => abort.abort();
  }, [chunks, playing, transformId]);

  async function compare(): Promise<void> {
    setComparing(true);
    setFailure(null);
    setComparison(null);
    try {
      const result = await replayRerun(transformId);
      if (alive.current) setComparison(result);
    } catch (error) {
      if (alive.current) setFailure(error);
    } finally {
      if (alive.current) setComparing(false);
    }
  }

  return (
    <div className="transform-replay">
      <div className="toolbar-actions">
        <span className="field-label">回放</span>
        {chunks.length > 0 &&
          SPEEDS.map((value) => (
            <button
              key={value}
              type="button"
              className="button ghost small"
              data-testid={`replay-${value}`}
              onClick={() => setPlaying({ kind: "local", speed: value })}
            >
              {value} 块/秒
            </button>
          ))}
        {llm && (
          <button
            type="button"
            className="button ghost small"
            data-testid="replay-recorded"
            title="由服务器按记录的分块重新推送，不调用模型"
            onClick={() => setPlaying({ kind: "server" })}
          >
            服务器回放
          </button>
        )}
        {llm && (
          <button
            type="button"
            className="button ghost small"
            data-testid="replay-rerun"
            disabled={comparing}
            title="把记录的提示词再发给模型一次，并与记录的回复比较"
            onClick={() => void compare()}
          >
            {comparing ? "正在重新调用模型…" : "重新调用模型并比较"}
          </button>
        )}
        {playing !== null && (
          <button type="button" className="button ghost small" onClick={() => setPlaying(null)}>
            停止回放
          </button>
        )}
        {frame && (
          <span className="muted">
            {frame.shown} / {chunks.length}
          </span>
        )}
      </div>
      {failure !== null && <ErrorNotice error={failure} title="回放失败" />}
      {frame && (
        <pre className="raw-text replay-output" data-testid="replay-output">
          {frame.text}
        </pre>
      )}
      {comparison && (
        <div className="replay-comparison" data-testid="replay-comparison">
          <p>
            与记录的回复相似度{" "}
            <strong data-testid="replay-similarity">{(comparison.similarity * 100).toFixed(1)}%</strong>
            {comparison.model ? ` · ${comparison.model}` : ""}
            {comparison.differences.length === 0 ? " · 完全一致" : ` · ${comparison.differences.length} 行差异`}
          </p>
          {comparison.differences.length > 0 && (
            <pre className="raw-text replay-diff">
              {comparison.differences.map((line, index) => (
                <span key={index} className={diffLineClass(line)}>
                  {line}
                  {"\n"}
                </span>
              ))}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
