import { EDIT_EPISODE, episodeNumberOf, GENERATE_EPISODE, modelScript, scriptFrom } from "./episodeNodes";
import { GenerationBar } from "./GenerationBar";
import { nodeStatus, type NodeSlotProps } from "./nodeSlot";
import { ScriptView } from "./ScriptView";
import { useStreamedValue } from "./useStreamedValue";

/** `generate_episode`: the script filling in, formatted, while the model writes it. */
export function ScriptGenerateStep({ workflow }: NodeSlotProps) {
  const status = nodeStatus(workflow, GENERATE_EPISODE);
  const stream = workflow.view.streams[GENERATE_EPISODE];
  const streamed = useStreamedValue(stream?.text ?? "", scriptFrom);
  const editing = nodeStatus(workflow, EDIT_EPISODE) !== "pending";
  if (status === "pending" || status === "skipped" || (status === "completed" && editing)) return null;
  const finished = status === "completed" ? modelScript(workflow.view) : null;
  const live = (status === "running" || status === "streaming") && stream?.status === "streaming";
  const script = finished ?? streamed;
  return (
    <section className="card generation-card" data-testid="script-generation">
      <header className="card-header">
        <h2>生成剧本</h2>
      </header>
      <GenerationBar workflow={workflow} nodeId={GENERATE_EPISODE} subject="剧本" />
      {(stream?.text || finished) && (
        <ScriptView
          title={script.title}
          content={script.content}
          episodeNumber={episodeNumberOf(workflow.view)}
          streaming={live}
        />
      )}
    </section>
  );
}
