import { Fragment, type ReactNode } from "react";
import type { IdeaCardModel } from "./ideas";
import { IdeaCard } from "./IdeaCard";

interface IdeaGridProps {
  cards: readonly IdeaCardModel[];
  /** Renders a card differently (e.g. selectable); defaults to a read-only card. */
  renderCard?: (card: IdeaCardModel, position: number) => ReactNode;
}

/** A responsive grid of idea cards: several columns on wide screens, one on narrow ones. */
export function IdeaGrid({ cards, renderCard }: IdeaGridProps) {
  return (
    <div className="idea-grid" data-testid="idea-grid" aria-live="polite">
      {cards.map((card, position) =>
        renderCard ? (
          <Fragment key={card.key}>{renderCard(card, position)}</Fragment>
        ) : (
          <IdeaCard key={card.key} card={card} position={position} />
        ),
      )}
    </div>
  );
}
