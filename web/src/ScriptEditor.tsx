import { useMemo, useState } from "react";
import { EDIT_EPISODE, GENERATE_EPISODE, scriptFrom, type EpisodeScript } from "./episodeNodes";
import { ErrorNotice } from "./ErrorNotice";
import type { PendingInput } from "./events";
import { ExportButtons } from "./ExportButtons";
import { record } from "./fields";
import { episodeMarkdown } from "./markdown";
import { SaveStatusLabel } from "./SaveStatusLabel";
import { sceneCount, wordCount } from "./script";
import { ScriptView } from "./ScriptView";
import type { Workflow } from "./useWorkflow";
import { useNodeDraft } from "./useNodeDraft";

interface ScriptEditorProps {
  workflow: Workflow;
  input: PendingInput;
  episodeNumber: number | null;
}

/** Only the fields the writer changed are kept as the draft, so a regenerated script fills the rest. */
function scriptDraft(value: EpisodeScript, original: EpisodeScript): Partial<EpisodeScript> {
  const draft: Partial<EpisodeScript> = {};
  if (value.title !== original.title) draft.title = value.title;
  if (value.content !== original.content) draft.content = value.content;
  return draft;
}

/** `edit_episode`: the script as plain text beside its formatted preview, auto-saved. */
export function ScriptEditor({ workflow, input, episodeNumber }: ScriptEditorProps) {
  const original = useMemo(() => scriptFrom(input.initialData), [input.initialData]);
  const draft = useNodeDraft<EpisodeScript>(workflow.executionId, EDIT_EPISODE, input, {
    fromInput: (initialData, saved) => ({ ...scriptFrom(initialData), ...record(saved) }) as EpisodeScript,
    toDraft: (value) => scriptDraft(value, original),
  });
  const [preview, setPreview] = useState(true);
  const script = draft.value;
  const locked = draft.phase !== "editing";
  const changed = script.title !== original.title || script.content !== original.content;
  const number = episodeNumber ?? 0;

  return (
    <section className="card script-editor" data-testid="script-editor">
      <header className="card-header sticky-toolbar">
        <h2>修改剧本</h2>
        <div className="toolbar-actions">
          <SaveStatusLabel status={draft.saveStatus} enabled={draft.autoSave} />
          <span className="muted">
            {sceneCount(script.content)} 场 · {wordCount(script.content)} 字
          </span>
          <button type="button" className="button ghost small" onClick={() => setPreview(!preview)}>
            {preview ? "隐藏预览" : "显示预览"}
          </button>
        </div>
      </header>
      <div className={`script-edit-layout${preview ? " with-preview" : ""}`}>
        <div className="script-edit-fields">
          <label className="field">
            <span className="field-label">本集标题</span>
            <input
              data-testid="script-title-input"
              value={script.title}
              disabled={locked}
              onChange={(event) => draft.update({ ...script, title: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">剧本</span>
            <textarea
              className="script-textarea"
              data-testid="script-content-input"
              rows={24}
              value={script.content}
              disabled={locked}
              onChange={(event) => draft.update({ ...script, content: event.target.value })}
            />
          </label>
        </div>
        {preview && (
          <div className="script-preview" data-testid="script-preview">
            <ScriptView title={script.title} content={script.content} episodeNumber={episodeNumber} />
          </div>
        )}
      </div>
      {draft.failure !== null && <ErrorNotice error={draft.failure} testId="form-errors" />}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          data-testid="script-submit"
          disabled={locked || !script.title.trim() || !script.content.trim()}
          onClick={() => void draft.submit()}
        >
          {draft.phase === "submitting" ? "提交中…" : "确认剧本"}
        </button>
        {changed && (
          <button
            type="button"
            className="button ghost"
            data-testid="revert-script"
            disabled={locked}
            onClick={() => draft.update(original)}
          >
            恢复模型版本
          </button>
        )}
        <button
          type="button"
          className="button ghost"
          data-testid="regenerate-script"
          disabled={locked || workflow.busy !== null}
          onClick={() => void workflow.rerun(GENERATE_EPISODE)}
        >
          重新生成
        </button>
        <ExportButtons
          markdown={() => episodeMarkdown({ episodeNumber: number, ...script })}
          filename={`第${number}集_${script.title}`}
        />
      </div>
    </section>
  );
}
