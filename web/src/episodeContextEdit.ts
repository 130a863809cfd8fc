/**
 * The `edit_context` form: all of the series' characters, each in or out of
 * this episode and editable, and the episode's own requirements. The draft
 * and the submission hold the characters that are in.
 */
import { contextFromInput, type EpisodeContext } from "./episodeNodes";
import { list, record } from "./fields";
import { characterFrom, type Character } from "./outline";

export interface ContextForm {
  context: EpisodeContext;
  /** Every character of the series, with the writer's edits. */
  characters: Character[];
  /** Names of the characters left out of this episode. */
  excluded: string[];
  requirements: string;
}

export function contextFormFromInput(initialData: unknown, draft: unknown): ContextForm {
  const context = contextFromInput(initialData, null);
  const saved = record(draft);
  const savedCharacters = Array.isArray(saved.characters) ? list(saved.characters).map(characterFrom) : null;
  const characters = context.characters.map(
    (character) => savedCharacters?.find((edited) => edited.name === character.name) ?? character,
  );
  const added = (savedCharacters ?? []).filter(
    (edited) => !context.characters.some((character) => character.name === edited.name),
  );
  const excluded = savedCharacters
    ? context.characters
        .filter((character) => !savedCharacters.some((edited) => edited.name === character.name))
        .map((character) => character.name)
    : [];
  return {
    context,
    characters: [...characters, ...added],
    excluded,
    requirements:
      typeof saved.episodeSpecificRequirements === "string"
        ? saved.episodeSpecificRequirements
        : context.episodeSpecificRequirements,
  };
}

export function contextPayload(form: ContextForm): { characters: Character[]; episodeSpecificRequirements: string } {
  return {
    characters: form.characters.filter((character) => !form.excluded.includes(character.name)),
    episodeSpecificRequirements: form.requirements,
  };
}

export function toggleCharacter(form: ContextForm, name: string, included: boolean): ContextForm {
  const excluded = included ? form.excluded.filter((item) => item !== name) : [...new Set([...form.excluded, name])];
  return { ...form, excluded };
}
