import { useState } from "react";
import { createExecution } from "./api";
import { EDIT_EPISODE, EPISODE, episodeNumberOf, finalScript, knownContext } from "./episodeNodes";
import { ErrorNotice } from "./ErrorNotice";
import { ExportButtons } from "./ExportButtons";
import { episodeMarkdown } from "./markdown";
import { nodeStatus, waitingInput, type NodeSlotProps } from "./nodeSlot";
import { ScriptEditor } from "./ScriptEditor";
import { ScriptView } from "./ScriptView";
import { rememberEpisode } from "./seriesIndex";
import { useEpisodeOrigin } from "./useEpisodeOrigin";

/** `edit_episode`: the editor while it waits; the final script, its exports and the next episode after. */
export function ScriptEditStep({ workflow, onOpen }: NodeSlotProps) {
  const input = waitingInput(workflow, EDIT_EPISODE);
  const episodeNumber = episodeNumberOf(workflow.view);
  const completed = nodeStatus(workflow, EDIT_EPISODE) === "completed";
  const origin = useEpisodeOrigin(workflow.view, episodeNumber, completed);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (input) return <ScriptEditor workflow={workflow} input={input} episodeNumber={episodeNumber} />;
  const script = finalScript(workflow.view);
  if (!completed || !script) return null;
  const number = episodeNumber ?? 0;
  const total = knownContext(workflow.view)?.totalEpisodes ?? null;
  const hasNext = total === null || number < total;

  async function startNext(): Promise<void> {
    if (!origin) return;
    setStarting(true);
    setFailure(null);
    try {
      const inputs = { outlineArtifactId: origin.outlineArtifactId, episodeNumber: number + 1 };
      const { executionId } = await createExecution(EPISODE, inputs);
      rememberEpisode(executionId, inputs);
      onOpen(executionId);
    } catch (error) {
      setFailure(error);
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card final-script" data-testid="final-script">
      <header className="card-header">
        <h2>第 {number} 集 · 定稿</h2>
        <div className="toolbar-actions">
          <ExportButtons
            markdown={() => episodeMarkdown({ episodeNumber: number, ...script })}
            filename={`第${number}集_${script.title}`}
          />
          <button
            type="button"
            className="button ghost"
            data-testid="edit-script-again"
            disabled={workflow.busy !== null}
            onClick={() => void workflow.rerun(EDIT_EPISODE)}
          >
            继续修改
          </button>
        </div>
      </header>
      <ScriptView title={script.title} content={script.content} episodeNumber={episodeNumber} />
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="form-actions">
        {origin && hasNext && (
          <button
            type="button"
            className="button primary"
            data-testid="next-episode"
            disabled={starting}
            onClick={() => void startNext()}
          >
            {starting ? "创建中…" : `生成第 ${number + 1} 集`}
          </button>
        )}
        {origin?.outlineExecutionId && (
          <button
            type="button"
            className="button ghost"
            data-testid="back-to-outline"
            onClick={() => origin.outlineExecutionId && onOpen(origin.outlineExecutionId)}
          >
            返回大纲与分集
          </button>
        )}
      </div>
    </section>
  );
}
