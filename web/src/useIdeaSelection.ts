/** State of the `select_idea` node: the picked idea, the writer's edits, auto-save and submit. */
import { useState } from "react";
import { saveDraft, submitInput } from "./api";
import type { SaveStatus } from "./autoSave";
import type { PendingInput } from "./events";
import { initialSelection, pickIdea, selectionPayload, type IdeaSelection } from "./ideaSelection";
import { SELECT_IDEA } from "./brainstormingNodes";
import type { Idea } from "./ideas";
import { useUnauthorizedHandler } from "./session";
import { useAutoSave } from "./useAutoSave";

export type SelectionPhase = "editing" | "submitting" | "submitted";

export interface IdeaSelectionState {
  selection: IdeaSelection;
  phase: SelectionPhase;
  failure: unknown;
  saveStatus: SaveStatus;
  select(idea: Idea): void;
  edit(patch: Partial<Pick<IdeaSelection, "title" | "body">>): void;
  submit(): Promise<IdeaSelection | null>;
}

export function useIdeaSelection(
  executionId: string,
  input: PendingInput,
  ideas: readonly Idea[],
  earlyPick: string | null,
): IdeaSelectionState {
  const [selection, setSelection] = useState<IdeaSelection>(() => initialSelection(input, ideas, earlyPick));
  const [phase, setPhase] = useState<SelectionPhase>("editing");
  const [failure, setFailure] = useState<unknown>(null);
  const onUnauthorized = useUnauthorizedHandler();
  const autoSave = useAutoSave<IdeaSelection>(
    (data) => saveDraft(executionId, SELECT_IDEA, data, true),
    input.ui.debounceMs,
    input.ui.autoSave,
  );

  function update(next: IdeaSelection): void {
    setSelection(next);
    if (next.selectedIdeaId) autoSave.schedule(selectionPayload(next));
  }

  async function submit(): Promise<IdeaSelection | null> {
    if (phase !== "editing" || !selection.selectedIdeaId) return null;
    const payload = selectionPayload(selection);
    setPhase("submitting");
    setFailure(null);
    autoSave.cancelPending();
    try {
      await submitInput(executionId, SELECT_IDEA, payload);
      setPhase("submitted");
      return payload;
    } catch (error) {
      onUnauthorized(error);
      setFailure(error);
      setPhase("editing");
      autoSave.schedule(payload);
      return null;
    }
  }

  return {
    selection,
    phase,
    failure,
    saveStatus: autoSave.status,
    select: (idea) => update(pickIdea(selection, idea)),
    edit: (patch) => update({ ...selection, ...patch }),
    submit,
  };
}
