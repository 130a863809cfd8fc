import { useEffect, useState } from "react";
import { fetchArtifact, fetchInput } from "./api";
import type { ExecutionView } from "./executionReducer";
import { loadFinalIdea } from "./finalIdea";
import { ideaTextFromOutputs, resultArtifactIdFromOutputs, type IdeaText } from "./ideaSelection";
import { SELECT_IDEA } from "./brainstormingNodes";
import type { Idea } from "./ideas";
import { useUnauthorizedHandler } from "./session";

interface FinalIdeaProps {
  view: ExecutionView;
  ideas: readonly Idea[];
  /** What the writer submitted in this page, when they did. */
  submitted: IdeaText | null;
}

type Loaded = { state: "loading" } | { state: "done"; idea: IdeaText | null };

/** The idea the brainstorm ended with, in its final (possibly edited) form. */
export function FinalIdea({ view, ideas, submitted }: FinalIdeaProps) {
  const outputs = view.nodes[SELECT_IDEA]?.outputs;
  const known = submitted ?? ideaTextFromOutputs(outputs, ideas);
  const artifactId = view.result?.artifactId ?? resultArtifactIdFromOutputs(outputs);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const onUnauthorized = useUnauthorizedHandler();
  const needsLoading = known === null;
  const executionId = view.executionId;

  useEffect(() => {
    if (!needsLoading) return undefined;
    let active = true;
    loadFinalIdea({ fetchArtifact, fetchInput }, { executionId, artifactId, ideas })
      .then((idea) => active && setLoaded({ state: "done", idea }))
      .catch((error: unknown) => {
        if (!active) return;
        onUnauthorized(error);
        setLoaded({ state: "done", idea: null });
      });
    return () => {
      active = false;
    };
  }, [needsLoading, executionId, artifactId, ideas, onUnauthorized]);

  const idea = known ?? (loaded.state === "done" ? loaded.idea : null);
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
      ) : loaded.state === "loading" ? (
        <p className="muted">正在载入最终创意…</p>
      ) : (
        <p className="muted">头脑风暴已完成，但暂时无法载入最终创意的内容。</p>
      )}
    </section>
  );
}
