/**
 * The state of a human node's form: starts from the saved draft (or the
 * initial data), auto-saves every change after the node's pause, and submits.
 * A node that waits again after a rerun is announced with its draft (the
 * previous submission), so the form starts from it.
 */
import { useState } from "react";
import { saveDraft, submitInput } from "./api";
import type { SaveStatus } from "./autoSave";
import type { PendingInput } from "./events";
import { useUnauthorizedHandler } from "./session";
import { useAutoSave } from "./useAutoSave";

export type DraftPhase = "editing" | "submitting" | "submitted";

export interface NodeDraft<T> {
  value: T;
  phase: DraftPhase;
  failure: unknown;
  saveStatus: SaveStatus;
  autoSave: boolean;
  update(next: T): void;
  submit(): Promise<boolean>;
}

export interface DraftCodec<T> {
  /** The form's value from the node's initial data and its saved draft (if any). */
  fromInput: (initialData: unknown, draft: unknown) => T;
  /** What is submitted; the value itself by default. */
  toPayload?: (value: T) => unknown;
  /** What is auto-saved as the draft; the payload by default. */
  toDraft?: (value: T) => unknown;
}

export function useNodeDraft<T>(
  executionId: string,
  nodeId: string,
  input: PendingInput,
  codec: DraftCodec<T> | ((initialData: unknown, draft: unknown) => T),
): NodeDraft<T> {
  const {
    fromInput,
    toPayload = (value: T): unknown => value,
    toDraft = toPayload,
  } = typeof codec === "function" ? { fromInput: codec } : codec;
  const [value, setValue] = useState<T>(() => fromInput(input.initialData, input.draft));
  const [phase, setPhase] = useState<DraftPhase>("editing");
  const [failure, setFailure] = useState<unknown>(null);
  const onUnauthorized = useUnauthorizedHandler();
  const autoSave = useAutoSave<unknown>(
    (data) => saveDraft(executionId, nodeId, data, true),
    input.ui.debounceMs,
    input.ui.autoSave,
  );

  function update(next: T): void {
    setValue(next);
    autoSave.schedule(toDraft(next));
  }

  async function submit(): Promise<boolean> {
    if (phase !== "editing") return false;
    const payload = toPayload(value);
    setPhase("submitting");
    setFailure(null);
    autoSave.cancelPending();
    try {
      await submitInput(executionId, nodeId, payload);
      setPhase("submitted");
      return true;
    } catch (error) {
      onUnauthorized(error);
      setFailure(error);
      setPhase("editing");
      autoSave.schedule(toDraft(value));
      return false;
    }
  }

  return {
    value,
    phase,
    failure,
    saveStatus: autoSave.status,
    autoSave: input.ui.autoSave,
    update,
    submit,
  };
}
