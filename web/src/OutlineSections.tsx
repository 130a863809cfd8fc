import type { ReactNode } from "react";
import { CharacterEditor } from "./CharacterEditor";
import { ItemListEditor, ListTextInput } from "./ListField";
import { stageName, type Outline } from "./outline";
import {
  emptyCharacter,
  isCharacterChanged,
  OUTLINE_SECTIONS,
  revertCharacter,
  updateCharacter,
  type OutlineSection,
} from "./outlineEdit";

interface SectionProps {
  section: OutlineSection;
  changed: boolean;
  onRevert: () => void;
  disabled: boolean;
  children: ReactNode;
}

/** A section of the editor, marked when it differs from the model's version, with a way back to it. */
export function EditableSection({ section, changed, onRevert, disabled, children }: SectionProps) {
  const label = OUTLINE_SECTIONS.find((item) => item.key === section)?.label ?? section;
  return (
    <section className={`outline-section editable${changed ? " changed" : ""}`} data-testid={`section-${section}`}>
      <header className="section-header">
        <h3>{label}</h3>
        {changed && <span className="badge edited">已修改</span>}
        {changed && (
          <button
            type="button"
            className="button ghost small"
            data-testid={`revert-${section}`}
            disabled={disabled}
            onClick={onRevert}
          >
            恢复模型版本
          </button>
        )}
      </header>
      {children}
    </section>
  );
}

interface FieldsProps {
  outline: Outline;
  original: Outline;
  disabled: boolean;
  onChange: (next: Outline) => void;
}

export function AudienceFields({ outline, disabled, onChange }: FieldsProps) {
  const audience = outline.target_audience;
  return (
    <>
      <label className="field">
        <span className="field-label">观众画像</span>
        <textarea
          rows={2}
          value={audience.demographic}
          disabled={disabled}
          onChange={(event) =>
            onChange({ ...outline, target_audience: { ...audience, demographic: event.target.value } })
          }
        />
      </label>
      <label className="field">
        <span className="field-label">核心主题</span>
        <ListTextInput
          value={audience.core_themes}
          disabled={disabled}
          onChange={(core_themes) => onChange({ ...outline, target_audience: { ...audience, core_themes } })}
        />
      </label>
    </>
  );
}

export function SettingFields({ outline, disabled, onChange }: FieldsProps) {
  const setting = outline.setting;
  return (
    <>
      <label className="field">
        <span className="field-label">核心设定</span>
        <textarea
          rows={4}
          data-testid="setting-summary-input"
          value={setting.core_setting_summary}
          disabled={disabled}
          onChange={(event) =>
            onChange({ ...outline, setting: { ...setting, core_setting_summary: event.target.value } })
          }
        />
      </label>
      <span className="field-label">关键场景</span>
      <ItemListEditor
        items={setting.key_scenes}
        itemLabel="场景"
        testId="setting-scenes-editor"
        disabled={disabled}
        onChange={(key_scenes) => onChange({ ...outline, setting: { ...setting, key_scenes } })}
      />
    </>
  );
}

export function CharacterFields({ outline, original, disabled, onChange }: FieldsProps) {
  return (
    <div className="character-grid">
      {outline.characters.map((character, index) => (
        <CharacterEditor
          key={index}
          character={character}
          disabled={disabled}
          onChange={(patch) => onChange(updateCharacter(outline, index, patch))}
          actions={
            <span className="character-actions">
              {index < original.characters.length && isCharacterChanged(outline, original, index) && (
                <button
                  type="button"
                  className="button ghost small"
                  disabled={disabled}
                  onClick={() => onChange(revertCharacter(outline, original, index))}
                >
                  恢复
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                title="删除人物"
                aria-label={`删除人物 ${character.name}`}
                disabled={disabled || outline.characters.length <= 1}
                onClick={() => onChange({ ...outline, characters: outline.characters.filter((_, at) => at !== index) })}
              >
                ×
              </button>
            </span>
          }
        />
      ))}
      <button
        type="button"
        className="button ghost add-character"
        disabled={disabled}
        onClick={() => onChange({ ...outline, characters: [...outline.characters, emptyCharacter()] })}
      >
        ＋ 添加人物
      </button>
    </div>
  );
}

export function StageFields({ outline, disabled, onChange }: FieldsProps) {
  return (
    <div className="stage-editors">
      {outline.synopsis_stages.map((stage, index) => (
        <label key={index} className="field">
          <span className="field-label">{stageName(index)}</span>
          <textarea
            rows={6}
            data-testid="stage-input"
            value={stage}
            disabled={disabled}
            onChange={(event) =>
              onChange({
                ...outline,
                synopsis_stages: outline.synopsis_stages.map((old, at) => (at === index ? event.target.value : old)),
              })
            }
          />
        </label>
      ))}
    </div>
  );
}
