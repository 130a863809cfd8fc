/** The episodes of one series (an outline artifact): their executions, states and latest text. */
import { useCallback, useEffect, useState } from "react";
import { createExecution, listExecutions, type Artifact, type ExecutionSummary } from "./api";
import { fetchLineage } from "./apiArtifacts";
import { EPISODE } from "./episodeNodes";
import { episodeSlots, rememberEpisode, type EpisodeSlot } from "./seriesIndex";
import { useUnauthorizedHandler } from "./session";

export interface Series {
  slots: EpisodeSlot[];
  descendants: Artifact[];
  loading: boolean;
  failure: unknown;
  reload(): void;
  /** Starts an episode of this series and returns its execution id. */
  startEpisode(episodeNumber: number): Promise<string | null>;
}

export function useSeries(outlineArtifactId: string, totalEpisodes: number): Series {
  const [data, setData] = useState<{ descendants: Artifact[]; executions: ExecutionSummary[] } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const onUnauthorized = useUnauthorizedHandler();

  useEffect(() => {
    let active = true;
    Promise.all([fetchLineage(outlineArtifactId), listExecutions()])
      .then(([lineage, executions]) => {
        if (!active) return;
        setData({ descendants: lineage.descendants, executions });
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (!active) return;
        onUnauthorized(error);
        setFailure(error);
      });
    return () => {
      active = false;
    };
  }, [outlineArtifactId, generation, onUnauthorized]);

  useEffect(() => {
    const refresh = (): void => setGeneration((value) => value + 1);
    window.addEventListener("focus", refresh);
    return () => window.removeEventListener("focus", refresh);
  }, []);

  const startEpisode = useCallback(
    async (episodeNumber: number) => {
      try {
        const { executionId } = await createExecution(EPISODE, { outlineArtifactId, episodeNumber });
        rememberEpisode(executionId, { outlineArtifactId, episodeNumber });
        return executionId;
      } catch (error) {
        onUnauthorized(error);
        setFailure(error);
        return null;
      }
    },
    [outlineArtifactId, onUnauthorized],
  );

  const slots = data ? episodeSlots(outlineArtifactId, totalEpisodes, data.descendants, data.executions) : [];
  return {
    slots,
    descendants: data?.descendants ?? [],
    loading: data === null && failure === null,
    failure,
    reload: () => setGeneration((value) => value + 1),
    startEpisode,
  };
}
