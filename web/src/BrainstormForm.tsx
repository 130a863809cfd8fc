import { useState, type FormEvent } from "react";
import { saveDraft, submitInput } from "./api";
import {
  MAX_IDEAS,
  MIN_IDEAS,
  PLATFORMS,
  removeGenrePath,
  requirementsFromInput,
  requirementsHints,
  requirementsPayload,
  setGenreProportion,
  toggleGenrePath,
  type BrainstormRequirements,
  type RequirementsPayload,
} from "./brainstormRequirements";
import { ErrorNotice } from "./ErrorNotice";
import type { PendingInput } from "./events";
import { GenrePicker } from "./GenrePicker";
import { MAX_GENRE_PATHS } from "./genreTree";
import { COLLECT_REQUIREMENTS } from "./brainstormingNodes";
import { SaveStatusLabel } from "./SaveStatusLabel";
import { SelectedGenres } from "./SelectedGenres";
import { useUnauthorizedHandler } from "./session";
import { useAutoSave } from "./useAutoSave";

interface BrainstormFormProps {
  executionId: string;
  input: PendingInput;
}

type Phase = "editing" | "submitting" | "submitted";

/** The `collect_requirements` node: platform, genres, special requirements, number of ideas. */
export function BrainstormForm({ executionId, input }: BrainstormFormProps) {
  const [form, setForm] = useState<BrainstormRequirements>(() => requirementsFromInput(input.initialData, input.draft));
  const [countText, setCountText] = useState(() => (form.numberOfIdeas === null ? "" : String(form.numberOfIdeas)));
  const [phase, setPhase] = useState<Phase>("editing");
  const [failure, setFailure] = useState<unknown>(null);
  const onUnauthorized = useUnauthorizedHandler();
  const autoSave = useAutoSave<RequirementsPayload>(
    (data) => saveDraft(executionId, COLLECT_REQUIREMENTS, data, true),
    input.ui.debounceMs,
    input.ui.autoSave,
  );
  const locked = phase !== "editing";

  function update(next: BrainstormRequirements): void {
    setForm(next);
    autoSave.schedule(requirementsPayload(next));
  }

  function handleCount(text: string): void {
    setCountText(text);
    const parsed = Number(text);
    update({ ...form, numberOfIdeas: text.trim() === "" || !Number.isFinite(parsed) ? null : Math.round(parsed) });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (locked) return;
    const payload = requirementsPayload(form);
    setPhase("submitting");
    setFailure(null);
    autoSave.cancelPending();
    try {
      await submitInput(executionId, COLLECT_REQUIREMENTS, payload);
      setPhase("submitted");
    } catch (error) {
      onUnauthorized(error);
      setFailure(error);
      setPhase("editing");
      autoSave.schedule(payload);
    }
  }

  const platforms: readonly string[] = PLATFORMS.includes(form.platform as (typeof PLATFORMS)[number])
    ? PLATFORMS
    : [...PLATFORMS, form.platform];
  const hints = requirementsHints(form);

  return (
    <form
      className="card brainstorm-form"
      data-testid="brainstorm-form"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
    >
      <header className="card-header">
        <h2>第一步 · 设定需求</h2>
        <SaveStatusLabel status={autoSave.status} enabled={input.ui.autoSave} />
      </header>

      <div className="form-row">
        <label className="field">
          <span className="field-label">平台</span>
          <select
            data-testid="platform-select"
            value={form.platform}
            disabled={locked}
            onChange={(event) => update({ ...form, platform: event.target.value })}
          >
            {platforms.map((platform) => (
              <option key={platform} value={platform}>
                {platform}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span className="field-label">创意数量</span>
          <input
            type="number"
            min={MIN_IDEAS}
            max={MAX_IDEAS}
            step={1}
            inputMode="numeric"
            data-testid="idea-count-input"
            value={countText}
            disabled={locked}
            onChange={(event) => handleCount(event.target.value)}
          />
        </label>
      </div>

      <fieldset className="field genre-field" disabled={locked}>
        <legend className="field-label">
          类型 <span className="muted">（最多 {MAX_GENRE_PATHS} 个；多个类型时可调整比例，总和 100%）</span>
        </legend>
        <SelectedGenres
          paths={form.genrePaths}
          proportions={form.genreProportions}
          disabled={locked}
          onRemove={(index) => update(removeGenrePath(form, index))}
          onProportion={(index, value) => update(setGenreProportion(form, index, value))}
        />
        <GenrePicker
          chosen={form.genrePaths}
          disabled={locked}
          onToggle={(path) => update(toggleGenrePath(form, path))}
        />
      </fieldset>

      <label className="field">
        <span className="field-label">特殊要求</span>
        <textarea
          data-testid="requirements-input"
          rows={3}
          placeholder="例如：要狗血、要反转，女主前期隐忍、后期爆发"
          value={form.requirements}
          disabled={locked}
          onChange={(event) => update({ ...form, requirements: event.target.value })}
        />
      </label>

      {failure !== null && (
        <div data-testid="form-errors" className="form-errors">
          <ErrorNotice error={failure} />
        </div>
      )}

      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="submit-requirements" disabled={locked}>
          {phase === "submitting" ? "提交中…" : phase === "submitted" ? "已提交" : "开始生成"}
        </button>
        {phase === "submitted" && <span className="muted">已提交，模型马上开始构思…</span>}
        {phase === "editing" && hints.length > 0 && <span className="form-hints">{hints.join("；")}</span>}
      </div>
    </form>
  );
}
