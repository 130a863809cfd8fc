import { useMemo } from "react";
import type { ExecutionView } from "./executionReducer";
import { IdeaGrid } from "./IdeaGrid";
import type { IdeaSelection } from "./ideaSelection";
import {
  finalIdeaCards,
  GENERATE_IDEAS,
  ideasFromText,
  isStreamActive,
  knownFinalIdeas,
  partialIdeaCards,
  SELECT_IDEA,
} from "./ideas";
import { SelectableIdeas } from "./SelectableIdeas";

interface IdeaSectionProps {
  executionId: string;
  view: ExecutionView;
  onSelectionSubmitted: (selection: IdeaSelection) => void;
}

/** Ideas as they stream in, then final, then selectable once the workflow asks for a choice. */
export function IdeaSection({ executionId, view, onSelectionSubmitted }: IdeaSectionProps) {
  const stream = view.streams[GENERATE_IDEAS];
  const node = view.nodes[GENERATE_IDEAS];
  const streamText = stream?.text ?? "";
  const ideas = useMemo(() => knownFinalIdeas(view), [view]);
  const partial = useMemo(() => ideasFromText(streamText), [streamText]);

  const selectInput = view.pendingInputs[SELECT_IDEA];
  const selecting = selectInput !== undefined && ideas.length > 0;
  const active = ideas.length === 0 && (isStreamActive(stream?.status) || node?.status === "running");
  const cards = ideas.length > 0 ? finalIdeaCards(ideas) : partialIdeaCards(partial, active);
  const attempt = stream?.attempt ?? node?.attempt ?? 1;

  let note: string | null = null;
  if (active && stream?.reasoning) note = "模型正在思考…";
  else if (active && cards.length === 0) note = "模型正在构思创意…";
  else if (active) note = "创意生成中…";

  return (
    <section className="card idea-section" aria-labelledby="idea-section-title">
      <header className="card-header">
        <h2 id="idea-section-title">{selecting ? "第三步 · 选定创意" : "第二步 · 生成创意"}</h2>
        <span className="muted">
          {attempt > 1 && `第 ${attempt} 次尝试 · `}
          {note ?? (ideas.length > 0 ? `共 ${ideas.length} 个创意` : "")}
        </span>
      </header>
      {node?.status === "failed" && (
        <div className="error-notice" role="alert" data-testid="node-error">
          <p className="error-summary">生成创意失败</p>
          {node.error && <p className="error-detail">{node.error.message}</p>}
        </div>
      )}
      {selecting && selectInput ? (
        <SelectableIdeas
          key={`${executionId}:${attempt}`}
          executionId={executionId}
          input={selectInput}
          ideas={ideas}
          onSubmitted={onSelectionSubmitted}
        />
      ) : cards.length > 0 ? (
        <IdeaGrid cards={cards} />
      ) : (
        active && (
          <div className="idea-grid" data-testid="idea-grid">
            <div className="idea-placeholder muted">
              <span className="caret" aria-hidden="true" /> 等待模型输出…
            </div>
          </div>
        )
      )}
    </section>
  );
}
