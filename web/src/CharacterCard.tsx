import { memo } from "react";
import { characterTypeLabel, normaliseCharacterType, type Character } from "./outline";

/** One character of an outline, read-only. */
export const CharacterCard = memo(function CharacterCard({ character }: { character: Character }) {
  const kind = normaliseCharacterType(character.type);
  const facts = [character.age, character.gender, character.occupation].filter(Boolean).join(" · ");
  const relationships = Object.entries(character.relationships);
  return (
    <article className={`character-card type-${kind}`} data-testid="character-card">
      <header className="character-header">
        <h4 className="character-name">{character.name || "…"}</h4>
        <span className="character-type">{characterTypeLabel(kind)}</span>
      </header>
      {facts && <p className="character-facts muted">{facts}</p>}
      {character.description && <p className="character-description">{character.description}</p>}
      {character.personality_traits.length > 0 && (
        <ul className="tag-list">
          {character.personality_traits.map((trait, index) => (
            <li key={index} className="tag">
              {trait}
            </li>
          ))}
        </ul>
      )}
      {character.character_arc && (
        <p className="character-arc">
          <span className="field-label">人物弧光</span>
          {character.character_arc}
        </p>
      )}
      {relationships.length > 0 && (
        <ul className="relationship-list">
          {relationships.map(([name, relation]) => (
            <li key={name}>
              <strong>{name}</strong>：{relation}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
