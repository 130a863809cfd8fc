import { ExportButtons } from "./ExportButtons";
import { outlineMarkdown } from "./markdown";
import { nodeStatus, waitingInput, type NodeSlotProps } from "./nodeSlot";
import { OutlineDisplay } from "./OutlineDisplay";
import { OutlineEditor } from "./OutlineEditor";
import { EDIT_OUTLINE, finalOutline, finalOutlineArtifactId } from "./outlineNodes";
import { SeriesPanel } from "./SeriesPanel";

/** `edit_outline`: the editor while it waits; the final outline and its episodes after. */
export function OutlineEditStep({ workflow, onOpen }: NodeSlotProps) {
  const input = waitingInput(workflow, EDIT_OUTLINE);
  if (input) return <OutlineEditor workflow={workflow} input={input} />;
  if (nodeStatus(workflow, EDIT_OUTLINE) !== "completed") return null;
  const outline = finalOutline(workflow.view);
  const artifactId = finalOutlineArtifactId(workflow.view);
  return (
    <>
      {artifactId && outline && <SeriesPanel outlineArtifactId={artifactId} outline={outline} onOpen={onOpen} />}
      {outline && (
        <section className="card" data-testid="final-outline">
          <header className="card-header">
            <h2>大纲</h2>
            <div className="toolbar-actions">
              <ExportButtons markdown={() => outlineMarkdown(outline)} filename={`${outline.title || "大纲"}_大纲`} />
              <button
                type="button"
                className="button ghost"
                data-testid="edit-outline-again"
                disabled={workflow.busy !== null}
                onClick={() => void workflow.rerun(EDIT_OUTLINE)}
              >
                继续修改
              </button>
            </div>
          </header>
          <OutlineDisplay outline={outline} />
        </section>
      )}
    </>
  );
}
