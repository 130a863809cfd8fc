import { useMemo } from "react";
import { ErrorNotice } from "./ErrorNotice";
import type { PendingInput } from "./events";
import { ExportButtons } from "./ExportButtons";
import { record } from "./fields";
import { ItemListEditor } from "./ListField";
import { outlineMarkdown } from "./markdown";
import { outlineFrom, type Outline } from "./outline";
import { changedSections, mergeOutlineDraft, outlineDraft, revertSection, type OutlineSection } from "./outlineEdit";
import { EDIT_OUTLINE, GENERATE_OUTLINE } from "./outlineNodes";
import { AudienceFields, CharacterFields, EditableSection, SettingFields, StageFields } from "./OutlineSections";
import { SaveStatusLabel } from "./SaveStatusLabel";
import type { Workflow } from "./useWorkflow";
import { useNodeDraft } from "./useNodeDraft";

interface OutlineEditorProps {
  workflow: Workflow;
  input: PendingInput;
}

/** `edit_outline`: every field of the outline editable, auto-saved, each section revertible. */
export function OutlineEditor({ workflow, input }: OutlineEditorProps) {
  const original = useMemo(() => outlineFrom(input.initialData), [input.initialData]);
  const draft = useNodeDraft<Outline>(workflow.executionId, EDIT_OUTLINE, input, {
    fromInput: (initialData, saved) => outlineFrom(mergeOutlineDraft(outlineFrom(initialData), record(saved))),
    toDraft: (value) => outlineDraft(value, original),
  });
  const outline = draft.value;
  const locked = draft.phase !== "editing";
  const changed = new Set(changedSections(outline, original));
  const section = (key: OutlineSection) => ({
    section: key,
    changed: changed.has(key),
    disabled: locked,
    onRevert: () => draft.update(revertSection(outline, original, key)),
  });
  const fields = { outline, original, disabled: locked, onChange: draft.update };

  return (
    <section className="card outline-editor" data-testid="outline-editor">
      <header className="card-header sticky-toolbar">
        <h2>第三步 · 修改大纲</h2>
        <div className="toolbar-actions">
          <SaveStatusLabel status={draft.saveStatus} enabled={draft.autoSave} />
          <ExportButtons markdown={() => outlineMarkdown(outline)} filename={`${outline.title || "大纲"}_大纲`} />
          <button
            type="button"
            className="button ghost"
            data-testid="regenerate-outline"
            disabled={locked || workflow.busy !== null}
            onClick={() => void workflow.rerun(GENERATE_OUTLINE)}
          >
            重新生成大纲
          </button>
        </div>
      </header>
      <p className="muted">每处修改都会自动保存；重新生成时，你改过的部分会保留，没改过的部分换成新版本。</p>

      <EditableSection {...section("title")}>
        <input
          className="title-input"
          aria-label="剧名"
          data-testid="outline-title-input"
          value={outline.title}
          disabled={locked}
          onChange={(event) => draft.update({ ...outline, title: event.target.value })}
        />
      </EditableSection>
      <EditableSection {...section("genre")}>
        <input
          aria-label="类型"
          value={outline.genre}
          disabled={locked}
          onChange={(event) => draft.update({ ...outline, genre: event.target.value })}
        />
      </EditableSection>
      <EditableSection {...section("target_audience")}>
        <AudienceFields {...fields} />
      </EditableSection>
      <EditableSection {...section("selling_points")}>
        <ItemListEditor
          items={outline.selling_points}
          itemLabel="卖点"
          testId="selling-points-editor"
          disabled={locked}
          onChange={(selling_points) => draft.update({ ...outline, selling_points })}
        />
      </EditableSection>
      <EditableSection {...section("satisfaction_points")}>
        <ItemListEditor
          items={outline.satisfaction_points}
          itemLabel="爽点"
          testId="satisfaction-points-editor"
          disabled={locked}
          onChange={(satisfaction_points) => draft.update({ ...outline, satisfaction_points })}
        />
      </EditableSection>
      <EditableSection {...section("setting")}>
        <SettingFields {...fields} />
      </EditableSection>
      <EditableSection {...section("characters")}>
        <CharacterFields {...fields} />
      </EditableSection>
      <EditableSection {...section("synopsis_stages")}>
        <StageFields {...fields} />
      </EditableSection>

      {draft.failure !== null && <ErrorNotice error={draft.failure} testId="form-errors" />}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          data-testid="outline-submit"
          disabled={locked}
          onClick={() => void draft.submit()}
        >
          {draft.phase === "submitting" ? "提交中…" : "确认大纲"}
        </button>
        <span className="muted">确认后就可以开始写分集剧本。</span>
      </div>
    </section>
  );
}
