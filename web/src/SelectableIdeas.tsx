import type { PendingInput } from "./events";
import { ErrorNotice } from "./ErrorNotice";
import { IdeaCard } from "./IdeaCard";
import { IdeaGrid } from "./IdeaGrid";
import type { IdeaSelection } from "./ideaSelection";
import { finalIdeaCards, type Idea } from "./ideas";
import { SaveStatusLabel } from "./SaveStatusLabel";
import { useIdeaSelection } from "./useIdeaSelection";

interface SelectableIdeasProps {
  executionId: string;
  input: PendingInput;
  ideas: readonly Idea[];
  /** A card clicked before the workflow asked for the choice. */
  earlyPick: string | null;
  onSubmitted: (selection: IdeaSelection) => void;
}

/** The `select_idea` node: click a card to pick it, edit its title and synopsis, then confirm. */
export function SelectableIdeas({ executionId, input, ideas, earlyPick, onSubmitted }: SelectableIdeasProps) {
  const state = useIdeaSelection(executionId, input, ideas, earlyPick);
  const { selection, phase } = state;
  const locked = phase !== "editing";
  const cards = finalIdeaCards(ideas);

  async function handleSubmit(): Promise<void> {
    const submitted = await state.submit();
    if (submitted) onSubmitted(submitted);
  }

  return (
    <div className="selectable-ideas">
      <div className="section-toolbar">
        <p className="muted">点击一张卡片选中它，可以直接修改标题和梗概，然后点击「选定这个创意」。</p>
        {input.ui.autoSave && selection.selectedIdeaId && <SaveStatusLabel status={state.saveStatus} />}
      </div>
      <IdeaGrid
        cards={cards}
        renderCard={(card, position) => {
          const idea = ideas[position];
          const selected = idea !== undefined && idea.artifactId === selection.selectedIdeaId;
          return (
            <IdeaCard
              card={card}
              position={position}
              selectable
              selected={selected}
              editing={selected ? selection : null}
              locked={locked}
              onSelect={() => idea && state.select(idea)}
              onEdit={state.edit}
            />
          );
        }}
      />
      {state.failure !== null && (
        <div data-testid="form-errors" className="form-errors">
          <ErrorNotice error={state.failure} />
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          data-testid="select-idea-submit"
          disabled={locked || !selection.selectedIdeaId}
          onClick={() => void handleSubmit()}
        >
          {phase === "submitting" ? "提交中…" : phase === "submitted" ? "已选定" : "选定这个创意"}
        </button>
        {!selection.selectedIdeaId && <span className="muted">请先选择一个创意</span>}
      </div>
    </div>
  );
}
