import { memo, useMemo } from "react";
import { parseScriptLine } from "./script";

const ScriptLineView = memo(function ScriptLineView({ raw }: { raw: string }) {
  const line = parseScriptLine(raw);
  switch (line.kind) {
    case "blank":
      return <div className="script-gap" aria-hidden="true" />;
    case "scene":
      return <h4 className="script-scene">{line.text}</h4>;
    case "cast":
      return <p className="script-cast">人物：{line.text}</p>;
    case "action":
      return <p className="script-action">△{line.text}</p>;
    case "dialogue":
      return (
        <p className={`script-dialogue${line.voiceOver ? " voice-over" : ""}`}>
          <span className="script-speaker">{line.speaker}</span>
          {line.note && <span className="script-note">（{line.note}）</span>}
          <span className="script-colon">：</span>
          <span className="script-line">{line.text}</span>
        </p>
      );
    case "text":
      return <p className="script-text">{line.text}</p>;
  }
});

interface ScriptViewProps {
  title: string;
  content: string;
  episodeNumber?: number | null;
  streaming?: boolean;
}

/** A script, formatted: scene headings, cast lines, △ action lines and dialogue. Finished lines never re-render. */
export function ScriptView({ title, content, episodeNumber = null, streaming = false }: ScriptViewProps) {
  const lines = useMemo(() => content.split(/\r?\n/), [content]);
  return (
    <article className="script-view" data-testid="script-view" data-streaming={streaming ? "true" : "false"}>
      <h3 className="script-title" data-testid="script-title">
        {episodeNumber !== null && `第 ${episodeNumber} 集 `}
        {title || (streaming ? "…" : "")}
      </h3>
      <div className="script-body" data-testid="script-body">
        {lines.map((raw, index) => (
          <ScriptLineView key={index} raw={raw} />
        ))}
        {streaming && <span className="caret" aria-hidden="true" />}
      </div>
    </article>
  );
}
