import { useEffect, useState, type ReactNode } from "react";
import { ListTextInput } from "./ListField";
import { CHARACTER_TYPE_LABELS, CHARACTER_TYPES, normaliseCharacterType, type Character } from "./outline";
import { parseRelationships, relationshipsText } from "./outlineEdit";

interface CharacterEditorProps {
  character: Character;
  onChange: (patch: Partial<Character>) => void;
  disabled?: boolean;
  /** Shown in the card's header: revert, remove, include… */
  actions?: ReactNode;
  /** Only the fields that matter for one episode; the name is fixed. */
  compact?: boolean;
}

function RelationshipsInput({
  value,
  onChange,
  disabled,
}: {
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState(() => relationshipsText(value));
  useEffect(() => {
    setText((current) =>
      JSON.stringify(parseRelationships(current)) === JSON.stringify(value) ? current : relationshipsText(value),
    );
  }, [value]);
  return (
    <textarea
      rows={2}
      value={text}
      disabled={disabled}
      placeholder="每行一个：名字：关系"
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseRelationships(event.target.value));
      }}
    />
  );
}

/** One character, every field editable. */
export function CharacterEditor({ character, onChange, disabled, actions, compact = false }: CharacterEditorProps) {
  const kind = normaliseCharacterType(character.type);
  return (
    <article className={`character-card editing type-${kind}`} data-testid="character-editor">
      <header className="character-header">
        {compact ? (
          <h4 className="character-name">{character.name}</h4>
        ) : (
          <input
            className="character-name-input"
            aria-label="人物名字"
            data-testid="character-name-input"
            value={character.name}
            disabled={disabled}
            onChange={(event) => onChange({ name: event.target.value })}
          />
        )}
        <select
          aria-label="人物类型"
          value={kind}
          disabled={disabled}
          onChange={(event) => onChange({ type: event.target.value })}
        >
          {CHARACTER_TYPES.map((type) => (
            <option key={type} value={type}>
              {CHARACTER_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {actions}
      </header>
      {!compact && (
        <div className="character-facts-row">
          <label className="field">
            <span className="field-label">年龄</span>
            <input
              value={character.age}
              disabled={disabled}
              onChange={(event) => onChange({ age: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">性别</span>
            <input
              value={character.gender}
              disabled={disabled}
              onChange={(event) => onChange({ gender: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">职业</span>
            <input
              value={character.occupation}
              disabled={disabled}
              onChange={(event) => onChange({ occupation: event.target.value })}
            />
          </label>
        </div>
      )}
      <label className="field">
        <span className="field-label">人物介绍</span>
        <textarea
          rows={3}
          data-testid="character-description-input"
          value={character.description}
          disabled={disabled}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">性格特点</span>
        <ListTextInput
          value={character.personality_traits}
          disabled={disabled}
          placeholder="用顿号分隔，例如：隐忍、聪慧"
          onChange={(personality_traits) => onChange({ personality_traits })}
        />
      </label>
      {!compact && (
        <>
          <label className="field">
            <span className="field-label">人物弧光</span>
            <textarea
              rows={2}
              value={character.character_arc}
              disabled={disabled}
              onChange={(event) => onChange({ character_arc: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">人物关系</span>
            <RelationshipsInput
              value={character.relationships}
              disabled={disabled}
              onChange={(relationships) => onChange({ relationships })}
            />
          </label>
          <label className="field">
            <span className="field-label">关键场景</span>
            <ListTextInput
              value={character.key_scenes}
              disabled={disabled}
              onChange={(key_scenes) => onChange({ key_scenes })}
            />
          </label>
        </>
      )}
    </article>
  );
}
