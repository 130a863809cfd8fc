import type { KeyboardEvent } from "react";
import type { IdeaSelection } from "./ideaSelection";
import type { IdeaCardModel } from "./ideas";

export interface IdeaCardProps {
  card: IdeaCardModel;
  position: number;
  /** The writer may pick this card. */
  selectable?: boolean;
  selected?: boolean;
  /** The selected card's editable text; null shows the card read-only. */
  editing?: IdeaSelection | null;
  locked?: boolean;
  onSelect?: () => void;
  onEdit?: (patch: Partial<Pick<IdeaSelection, "title" | "body">>) => void;
}

function Caret() {
  return <span className="caret" aria-hidden="true" />;
}

export function IdeaCard({
  card,
  position,
  selectable = false,
  selected = false,
  editing = null,
  locked = false,
  onSelect,
  onEdit,
}: IdeaCardProps) {
  const pickable = selectable && !selected && !locked;
  const classes = [
    "idea-card",
    card.streaming ? "streaming" : "",
    selected ? "selected" : "",
    pickable ? "pickable" : "",
  ];

  function handleKey(event: KeyboardEvent<HTMLElement>): void {
    if (pickable && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      onSelect?.();
    }
  }

  return (
    <article
      className={classes.filter(Boolean).join(" ")}
      data-testid="idea-card"
      data-streaming={card.streaming ? "true" : "false"}
      data-artifact-id={card.artifactId ?? undefined}
      aria-selected={selectable ? selected : undefined}
      aria-busy={card.streaming}
      role={pickable ? "button" : undefined}
      tabIndex={pickable ? 0 : undefined}
      onClick={pickable ? onSelect : undefined}
      onKeyDown={handleKey}
    >
      <div className="idea-card-meta">
        <span className="idea-index">创意 {position + 1}</span>
        {card.genre && <span className="idea-genre">{card.genre}</span>}
        {selected && <span className="badge">已选中</span>}
      </div>
      {editing ? (
        <div className="idea-edit">
          <label className="field">
            <span className="field-label">标题</span>
            <input
              data-testid="selected-title-input"
              value={editing.title}
              disabled={locked}
              onChange={(event) => onEdit?.({ title: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">梗概</span>
            <textarea
              data-testid="selected-body-input"
              rows={6}
              value={editing.body}
              disabled={locked}
              onChange={(event) => onEdit?.({ body: event.target.value })}
            />
          </label>
        </div>
      ) : (
        <>
          <h3 className="idea-title" data-testid="idea-title">
            {card.title}
            {card.writing && card.body === "" && <Caret />}
          </h3>
          <p className="idea-body" data-testid="idea-body">
            {card.body}
            {card.writing && card.body !== "" && <Caret />}
          </p>
        </>
      )}
    </article>
  );
}
