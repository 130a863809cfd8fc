import { CharacterEditor } from "./CharacterEditor";
import { EDIT_CONTEXT, knownContext } from "./episodeNodes";
import { contextFormFromInput, contextPayload, toggleCharacter, type ContextForm } from "./episodeContextEdit";
import { ErrorNotice } from "./ErrorNotice";
import type { PendingInput } from "./events";
import { nodeStatus, waitingInput, type NodeSlotProps } from "./nodeSlot";
import { SaveStatusLabel } from "./SaveStatusLabel";
import type { Workflow } from "./useWorkflow";
import { useNodeDraft } from "./useNodeDraft";

function ContextEditor({ workflow, input }: { workflow: Workflow; input: PendingInput }) {
  const draft = useNodeDraft<ContextForm>(workflow.executionId, EDIT_CONTEXT, input, {
    fromInput: contextFormFromInput,
    toPayload: contextPayload,
  });
  const form = draft.value;
  const { context } = form;
  const locked = draft.phase !== "editing";
  const included = form.characters.length - form.excluded.length;

  return (
    <section className="card episode-context" data-testid="episode-context">
      <header className="card-header">
        <h2>第 {context.episodeNumber ?? "?"} 集 · 调整本集上下文</h2>
        <SaveStatusLabel status={draft.saveStatus} enabled={draft.autoSave} />
      </header>
      <details className="context-stage" open>
        <summary>本集所处阶段</summary>
        <p>{context.stage || "（大纲未写明）"}</p>
      </details>
      {(context.previousSummary || context.previousCliffhanger) && (
        <div className="previous-summary" data-testid="previous-summary">
          <span className="field-label">前情提要</span>
          {context.previousSummary && <p>{context.previousSummary}</p>}
          {context.previousCliffhanger && <p className="muted">上集悬念：{context.previousCliffhanger}</p>}
        </div>
      )}
      <span className="field-label">出场人物（{included} 人）</span>
      <div className="character-grid">
        {form.characters.map((character, index) => {
          const out = form.excluded.includes(character.name);
          return (
            <div key={index} className={out ? "character-out" : undefined}>
              <CharacterEditor
                compact
                character={character}
                disabled={locked || out}
                onChange={(patch) => {
                  const characters = form.characters.map((old, at) => (at === index ? { ...old, ...patch } : old));
                  draft.update({ ...form, characters });
                }}
                actions={
                  <label className="include-toggle">
                    <input
                      type="checkbox"
                      checked={!out}
                      disabled={locked || (!out && included <= 1)}
                      onChange={(event) => draft.update(toggleCharacter(form, character.name, event.target.checked))}
                    />
                    出场
                  </label>
                }
              />
            </div>
          );
        })}
      </div>
      <label className="field">
        <span className="field-label">
          本集特别要求 <span className="muted">（可选）</span>
        </span>
        <textarea
          rows={3}
          data-testid="episode-requirements-input"
          value={form.requirements}
          disabled={locked}
          placeholder="例如：本集结尾让女主身份曝光"
          onChange={(event) => draft.update({ ...form, requirements: event.target.value })}
        />
      </label>
      {draft.failure !== null && <ErrorNotice error={draft.failure} testId="form-errors" />}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          data-testid="context-submit"
          disabled={locked || included < 1}
          onClick={() => void draft.submit()}
        >
          {draft.phase === "submitting" ? "提交中…" : `生成第 ${context.episodeNumber ?? ""} 集剧本`}
        </button>
      </div>
    </section>
  );
}

/** `edit_context`: the form while it waits, a one-line summary after. */
export function EpisodeContextStep({ workflow }: NodeSlotProps) {
  const input = waitingInput(workflow, EDIT_CONTEXT);
  if (input) return <ContextEditor workflow={workflow} input={input} />;
  if (nodeStatus(workflow, EDIT_CONTEXT) !== "completed") return null;
  const context = knownContext(workflow.view);
  return (
    <div className="card step-summary" data-testid="context-summary">
      <span>
        出场人物：{context?.characters.map((character) => character.name).join("、") || "—"}
        {context?.episodeSpecificRequirements && ` · 要求：${context.episodeSpecificRequirements}`}
      </span>
      <button
        type="button"
        className="button ghost"
        disabled={workflow.busy !== null}
        onClick={() => void workflow.rerun(EDIT_CONTEXT)}
      >
        修改上下文
      </button>
    </div>
  );
}
