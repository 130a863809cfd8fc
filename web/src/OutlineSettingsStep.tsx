import { useState, type FormEvent } from "react";
import { ErrorNotice } from "./ErrorNotice";
import type { PendingInput } from "./events";
import { nodeStatus, waitingInput, type NodeSlotProps } from "./nodeSlot";
import {
  CONFIGURE_OUTLINE,
  DURATION_LIMITS,
  EPISODE_LIMITS,
  settingsFromInput,
  sourceIdeaFrom,
  submittedSettings,
} from "./outlineNodes";
import { SaveStatusLabel } from "./SaveStatusLabel";
import { useNodeDraft } from "./useNodeDraft";

function inRange(value: number, limits: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= limits.min && value <= limits.max;
}

function SettingsForm({ executionId, input }: { executionId: string; input: PendingInput }) {
  const draft = useNodeDraft(executionId, CONFIGURE_OUTLINE, input, settingsFromInput);
  const [episodesText, setEpisodesText] = useState(String(draft.value.totalEpisodes));
  const [durationText, setDurationText] = useState(String(draft.value.episodeDuration));
  const source = sourceIdeaFrom(input.initialData);
  const locked = draft.phase !== "editing";
  const valid = inRange(Number(episodesText), EPISODE_LIMITS) && inRange(Number(durationText), DURATION_LIMITS);

  function handleNumber(key: "totalEpisodes" | "episodeDuration", text: string): void {
    (key === "totalEpisodes" ? setEpisodesText : setDurationText)(text);
    const value = Number(text);
    if (text.trim() !== "" && Number.isFinite(value)) draft.update({ ...draft.value, [key]: Math.round(value) });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (valid) void draft.submit();
  }

  return (
    <form className="card outline-settings" data-testid="outline-settings" onSubmit={handleSubmit} noValidate>
      <header className="card-header">
        <h2>第一步 · 设置大纲</h2>
        <SaveStatusLabel status={draft.saveStatus} enabled={draft.autoSave} />
      </header>
      {source && (
        <div className="source-idea" data-testid="source-idea">
          <span className="field-label">选定的创意</span>
          <h3>{source.title}</h3>
          <p>{source.body}</p>
          {source.genre && <p className="muted">{source.genre}</p>}
        </div>
      )}
      <div className="form-row">
        <label className="field">
          <span className="field-label">总集数</span>
          <input
            type="number"
            inputMode="numeric"
            min={EPISODE_LIMITS.min}
            max={EPISODE_LIMITS.max}
            data-testid="episodes-input"
            value={episodesText}
            disabled={locked}
            onChange={(event) => handleNumber("totalEpisodes", event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">每集时长（分钟）</span>
          <input
            type="number"
            inputMode="numeric"
            min={DURATION_LIMITS.min}
            max={DURATION_LIMITS.max}
            data-testid="duration-input"
            value={durationText}
            disabled={locked}
            onChange={(event) => handleNumber("episodeDuration", event.target.value)}
          />
        </label>
      </div>
      {!valid && (
        <p className="field-hint warn">
          集数为 {EPISODE_LIMITS.min}–{EPISODE_LIMITS.max}，每集时长为 {DURATION_LIMITS.min}–{DURATION_LIMITS.max}{" "}
          分钟。
        </p>
      )}
      <label className="field">
        <span className="field-label">
          特殊要求 <span className="muted">（可选）</span>
        </span>
        <textarea
          rows={3}
          data-testid="outline-requirements-input"
          value={draft.value.requirements}
          disabled={locked}
          placeholder="例如：女主前期隐忍，后期大女主；每集结尾留悬念"
          onChange={(event) => draft.update({ ...draft.value, requirements: event.target.value })}
        />
      </label>
      {draft.failure !== null && <ErrorNotice error={draft.failure} testId="form-errors" />}
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          data-testid="outline-settings-submit"
          disabled={locked || !valid}
        >
          {draft.phase === "submitting" ? "提交中…" : "生成大纲"}
        </button>
      </div>
    </form>
  );
}

/** `configure_outline`: the form while it waits, a one-line summary after. */
export function OutlineSettingsStep({ workflow }: NodeSlotProps) {
  const input = waitingInput(workflow, CONFIGURE_OUTLINE);
  if (input) return <SettingsForm executionId={workflow.executionId} input={input} />;
  const settings = submittedSettings(workflow.view);
  if (nodeStatus(workflow, CONFIGURE_OUTLINE) !== "completed" || !settings) return null;
  return (
    <div className="card step-summary" data-testid="outline-settings-summary">
      <span>
        共 {settings.totalEpisodes} 集 · 每集约 {settings.episodeDuration} 分钟
        {settings.requirements && ` · 要求：${settings.requirements}`}
      </span>
      <button
        type="button"
        className="button ghost"
        disabled={workflow.busy !== null}
        onClick={() => void workflow.rerun(CONFIGURE_OUTLINE)}
      >
        修改设置
      </button>
    </div>
  );
}
