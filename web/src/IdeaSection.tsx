import { useMemo, useState, type ReactNode } from "react";
import type { ExecutionView } from "./executionReducer";
import { IdeaCard } from "./IdeaCard";
import { IdeaGrid } from "./IdeaGrid";
import type { IdeaSelection } from "./ideaSelection";
import { GENERATE_IDEAS, SELECT_IDEA } from "./brainstormingNodes";
import { finalIdeaCards, ideasFromText, isStreamActive, knownFinalIdeas, partialIdeaCards } from "./ideas";
import { SelectableIdeas } from "./SelectableIdeas";

interface IdeaSectionProps {
  executionId: string;
  view: ExecutionView;
  /** Generation controls (thinking, stop, regenerate) shown under the heading. */
  controls?: ReactNode;
  onSelectionSubmitted?: (selection: IdeaSelection) => void;
}

function sectionTitle(selecting: boolean, completed: boolean): string {
  if (completed) return "全部候选创意";
  return selecting ? "第三步 · 选定创意" : "第二步 · 生成创意";
}

/** Ideas as they stream in, then final, then selectable once the workflow asks for a choice. */
export function IdeaSection({ executionId, view, controls, onSelectionSubmitted }: IdeaSectionProps) {
  const stream = view.streams[GENERATE_IDEAS];
  const node = view.nodes[GENERATE_IDEAS];
  const streamText = stream?.text ?? "";
  const ideas = useMemo(() => knownFinalIdeas(view), [view]);
  const partial = useMemo(() => ideasFromText(streamText), [streamText]);
  const [earlyPick, setEarlyPick] = useState<string | null>(null);

  const selectInput = view.pendingInputs[SELECT_IDEA];
  const selecting = selectInput !== undefined && ideas.length > 0;
  const active = ideas.length === 0 && (isStreamActive(stream?.status) || isStreamActive(node?.status));
  const cards = ideas.length > 0 ? finalIdeaCards(ideas) : partialIdeaCards(partial, active);
  const attempt = stream?.attempt ?? node?.attempt ?? 1;
  // The final cards may be clicked a moment before the workflow asks for the choice.
  const canPickEarly = !selecting && ideas.length > 0 && (view.status === "running" || view.status === "paused");

  let note: string | null = null;
  if (active && cards.length > 0) note = "创意生成中…";

  return (
    <section className="card idea-section" aria-labelledby="idea-section-title">
      <header className="card-header">
        <h2 id="idea-section-title">{sectionTitle(selecting, view.status === "completed")}</h2>
        <span className="muted">
          {attempt > 1 && `第 ${attempt} 次尝试 · `}
          {note ?? (ideas.length > 0 ? `共 ${ideas.length} 个创意` : "")}
        </span>
      </header>
      {controls}
      {selecting && selectInput ? (
        <SelectableIdeas
          key={`${executionId}:${attempt}`}
          executionId={executionId}
          input={selectInput}
          ideas={ideas}
          earlyPick={earlyPick}
          onSubmitted={(selection) => onSelectionSubmitted?.(selection)}
        />
      ) : canPickEarly ? (
        <IdeaGrid
          cards={cards}
          renderCard={(card, position) => (
            <IdeaCard
              card={card}
              position={position}
              selectable
              selected={card.artifactId !== null && card.artifactId === earlyPick}
              onSelect={() => setEarlyPick(card.artifactId)}
            />
          )}
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
