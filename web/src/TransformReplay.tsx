import { useEffect, useState } from "react";
import type { Chunk } from "./apiArtifacts";
import { replayChunks, type ReplayFrame } from "./replay";

const SPEEDS = [20, 100, 500];

/** Plays a transform's recorded chunks again, as they streamed, without calling the model. */
export function TransformReplay({ chunks }: { chunks: readonly Chunk[] }) {
  const [speed, setSpeed] = useState<number | null>(null);
  const [frame, setFrame] = useState<ReplayFrame | null>(null);

  useEffect(() => {
    if (speed === null) return undefined;
    setFrame({ shown: 0, text: "" });
    const subscription = replayChunks(chunks, speed).subscribe({
      next: setFrame,
      complete: () => setSpeed(null),
    });
    return () => subscription.unsubscribe();
  }, [chunks, speed]);

  return (
    <div className="transform-replay">
      <div className="toolbar-actions">
        <span className="field-label">回放</span>
        {SPEEDS.map((value) => (
          <button
            key={value}
            type="button"
            className="button ghost small"
            data-testid={`replay-${value}`}
            onClick={() => setSpeed(value)}
          >
            {value} 块/秒
          </button>
        ))}
        {speed !== null && (
          <button type="button" className="button ghost small" onClick={() => setSpeed(null)}>
            停止回放
          </button>
        )}
        {frame && (
          <span className="muted">
            {frame.shown} / {chunks.length}
          </span>
        )}
      </div>
      {frame && (
        <pre className="raw-text replay-output" data-testid="replay-output">
          {frame.text}
        </pre>
      )}
    </div>
  );
}
