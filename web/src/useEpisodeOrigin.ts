/**
 * Which outline an episode execution was made from: named by the execution's
 * `inputs` in its snapshot; else remembered by this browser when it started
 * the episode, else read from the lineage of the episode's context. Also
 * resolves the outline's own execution.
 */
import { useEffect, useState } from "react";
import { fetchArtifact } from "./api";
import { fetchLineage, listArtifacts } from "./apiArtifacts";
import type { ExecutionView } from "./executionReducer";
import { episodeOrigin, originFromInputs, rememberEpisode } from "./seriesIndex";

export interface OutlineLink {
  outlineArtifactId: string;
  outlineExecutionId: string | null;
}

async function outlineFromLineage(executionId: string): Promise<string | null> {
  const contexts = await listArtifacts({ type: "episode_context", executionId });
  const context = contexts[0];
  if (!context) return null;
  const lineage = await fetchLineage(context.id);
  const made = lineage.transforms.find((transform) => transform.outputs.some((out) => out.artifactId === context.id));
  return made?.inputs.find((input) => input.role === "outline")?.artifactId ?? null;
}

export function useEpisodeOrigin(
  view: ExecutionView,
  episodeNumber: number | null,
  ready: boolean,
): OutlineLink | null {
  const [link, setLink] = useState<OutlineLink | null>(null);
  const executionId = view.executionId;
  const named = originFromInputs(view.inputs)?.outlineArtifactId ?? null;

  useEffect(() => {
    let active = true;
    const known = named ?? episodeOrigin(executionId)?.outlineArtifactId ?? null;
    const find = known ? Promise.resolve(known) : ready ? outlineFromLineage(executionId) : Promise.resolve(null);
    find
      .then(async (outlineArtifactId) => {
        if (!outlineArtifactId || !active) return;
        if (!known && episodeNumber !== null) rememberEpisode(executionId, { outlineArtifactId, episodeNumber });
        setLink({ outlineArtifactId, outlineExecutionId: null });
        const outline = await fetchArtifact(outlineArtifactId);
        if (active) setLink({ outlineArtifactId, outlineExecutionId: outline.executionId });
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [executionId, named, episodeNumber, ready]);

  return link;
}
