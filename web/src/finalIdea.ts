/**
 * Finds the text of a finished brainstorm's result after a page load, when the
 * page did not see the submission itself.
 */
import type { Artifact, NodeInput } from "./api";
import { ideaTextFromArtifact, ideaTextFromOutputs, type IdeaText } from "./ideaSelection";
import { SELECT_IDEA } from "./brainstormingNodes";
import type { Idea } from "./ideas";

export interface FinalIdeaSources {
  fetchArtifact(artifactId: string): Promise<Artifact>;
  fetchInput(executionId: string, nodeId: string): Promise<NodeInput>;
}

export interface FinalIdeaQuery {
  executionId: string;
  /** The result artifact, when the events or the node outputs name it. */
  artifactId: string | null;
  ideas: readonly Idea[];
}

/**
 * Tries the result artifact first, then the data submitted to `select_idea`.
 * Rejects only with the first failure when neither source gives an answer.
 */
export async function loadFinalIdea(sources: FinalIdeaSources, query: FinalIdeaQuery): Promise<IdeaText | null> {
  let firstFailure: unknown = null;
  const remember = (error: unknown): null => {
    firstFailure ??= error;
    return null;
  };
  if (query.artifactId) {
    const artifact = await sources.fetchArtifact(query.artifactId).catch(remember);
    const text = artifact ? ideaTextFromArtifact(artifact.data, query.ideas) : null;
    if (text) return text;
  }
  const input = await sources.fetchInput(query.executionId, SELECT_IDEA).catch(remember);
  const text = input ? ideaTextFromOutputs(input.data, query.ideas) : null;
  if (text) return text;
  if (firstFailure !== null) throw firstFailure;
  return null;
}
