import { GenerationBar } from "./GenerationBar";
import { nodeStatus, type NodeSlotProps } from "./nodeSlot";
import { outlineFrom } from "./outline";
import { OutlineDisplay } from "./OutlineDisplay";
import { EDIT_OUTLINE, GENERATE_OUTLINE, modelOutline } from "./outlineNodes";
import { useStreamedValue } from "./useStreamedValue";

/** `generate_outline`: the outline filling in while the model writes it. */
export function OutlineGenerateStep({ workflow }: NodeSlotProps) {
  const status = nodeStatus(workflow, GENERATE_OUTLINE);
  const stream = workflow.view.streams[GENERATE_OUTLINE];
  const streamed = useStreamedValue(stream?.text ?? "", outlineFrom);
  const editing = nodeStatus(workflow, EDIT_OUTLINE) !== "pending";
  if (status === "pending" || status === "skipped" || (status === "completed" && editing)) return null;
  const finished = status === "completed" ? modelOutline(workflow.view) : null;
  const live = (status === "running" || status === "streaming") && stream?.status === "streaming";
  return (
    <section className="card generation-card" data-testid="outline-generation">
      <header className="card-header">
        <h2>第二步 · 生成大纲</h2>
      </header>
      <GenerationBar workflow={workflow} nodeId={GENERATE_OUTLINE} subject="大纲" />
      {(stream?.text || finished) && <OutlineDisplay outline={finished ?? streamed} streaming={live} />}
    </section>
  );
}
