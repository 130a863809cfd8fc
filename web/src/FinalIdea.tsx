import { useEffect, useState } from "react";
import { fetchArtifact } from "./api";
import type { ExecutionView } from "./executionReducer";
import { ideaTextFromArtifact, ideaTextFromOutputs, resultArtifactIdFromOutputs, type IdeaText } from "./ideaSelection";
import { SELECT_IDEA, type Idea } from "./ideas";
import { useUnauthorizedHandler } from "./session";

interface FinalIdeaProps {
  view: ExecutionView;
  ideas: readonly Idea[];
  /** What the writer submitted in this page, when they did. */
  submitted: IdeaText | null;
}

/** The idea the brainstorm ended with, in its final (possibly edited) form. */
export function FinalIdea({ view, ideas, submitted }: FinalIdeaProps) {
  const outputs = view.nodes[SELECT_IDEA]?.outputs;
  const known = submitted ?? ideaTextFromOutputs(outputs, ideas);
  const artifactId = view.result?.artifactId ?? resultArtifactIdFromOutputs(outputs);
  const [fetched, setFetched] = useState<IdeaText | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorized = useUnauthorizedHandler();

  const needsFetch = known === null && artifactId !== null;

  useEffect(() => {
    if (!needsFetch || !artifactId) return undefined;
    let active = true;
    fetchArtifact(artifactId)
      .then((artifact) => {
        if (!active) return;
        const text = ideaTextFromArtifact(artifact.data, ideas);
        if (text) setFetched(text);
        else setFailed(true);
      })
      .catch((error: unknown) => {
        if (!active) return;
        onUnauthorized(error);
        setFailed(true);
      });
    return () => {
      active = false;
    };
  }, [needsFetch, artifactId, ideas, onUnauthorized]);

  const idea = known ?? fetched;
  return (
    <section className="card final-idea" data-testid="final-idea">
      <header className="card-header">
        <h2>选定的创意</h2>
        <span className="badge done">完成</span>
      </header>
      {idea ? (
        <>
          <h3 className="final-title" data-testid="final-idea-title">
            {idea.title}
          </h3>
          <p className="final-body" data-testid="final-idea-body">
            {idea.body}
          </p>
        </>
      ) : failed || !artifactId ? (
        <p className="muted">头脑风暴已完成，但暂时无法载入最终创意的内容。</p>
      ) : (
        <p className="muted">正在载入最终创意…</p>
      )}
    </section>
  );
}
