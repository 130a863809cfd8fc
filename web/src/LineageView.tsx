import { useEffect, useState } from "react";
import type { Artifact } from "./api";
import { fetchLineage, listArtifacts, type Lineage } from "./apiArtifacts";
import { artifactSummary, artifactTypeLabel } from "./artifactSummary";
import { ErrorNotice } from "./ErrorNotice";
import { formatTime } from "./statusLabels";

interface LineageViewProps {
  executionId: string;
  artifactId: string | null;
  onSelectArtifact: (artifactId: string) => void;
  onSelectTransform: (transformId: string) => void;
  onOpen: (executionId: string) => void;
}

function ArtifactRow({
  artifact,
  current,
  onSelect,
  onOpen,
}: {
  artifact: Artifact;
  current: boolean;
  onSelect: () => void;
  onOpen: (executionId: string) => void;
}) {
  return (
    <li
      className={current ? "artifact-row current" : "artifact-row"}
      data-testid="lineage-artifact"
      data-type={artifact.type}
    >
      <button type="button" className="link-button" onClick={onSelect}>
        <span className="badge">{artifactTypeLabel(artifact.type)}</span> {artifactSummary(artifact) || artifact.id}
      </button>
      <span className="muted">{formatTime(artifact.createdAt)}</span>
      {artifact.executionId && (
        <button
          type="button"
          className="link-button small"
          onClick={() => artifact.executionId && onOpen(artifact.executionId)}
        >
          打开所在流程
        </button>
      )}
    </li>
  );
}

/** What an artifact was made from and what was made from it, through which transforms. */
export function LineageView({
  executionId,
  artifactId,
  onSelectArtifact,
  onSelectTransform,
  onOpen,
}: LineageViewProps) {
  const [own, setOwn] = useState<Artifact[] | null>(null);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    listArtifacts({ executionId })
      .then((items) => active && setOwn(items))
      .catch((error: unknown) => active && setFailure(error));
    return () => {
      active = false;
    };
  }, [executionId]);

  useEffect(() => {
    if (!artifactId) return undefined;
    let active = true;
    setLineage(null);
    fetchLineage(artifactId)
      .then((found) => active && setLineage(found))
      .catch((error: unknown) => active && setFailure(error));
    return () => {
      active = false;
    };
  }, [artifactId]);

  const row = (artifact: Artifact) => (
    <ArtifactRow
      key={artifact.id}
      artifact={artifact}
      current={artifact.id === artifactId}
      onSelect={() => onSelectArtifact(artifact.id)}
      onOpen={onOpen}
    />
  );

  return (
    <div className="lineage-view" data-testid="lineage-view">
      {failure !== null && <ErrorNotice error={failure} />}
      <h3>本流程的产物</h3>
      {own === null ? (
        <p className="muted">正在载入…</p>
      ) : own.length === 0 ? (
        <p className="muted">还没有产物。</p>
      ) : (
        <ul className="artifact-list">{own.map(row)}</ul>
      )}
      {artifactId && (
        <>
          <h3>
            谱系 · <code>{artifactId}</code>
          </h3>
          {lineage === null ? (
            <p className="muted">正在载入谱系…</p>
          ) : (
            <div className="lineage-columns">
              <div>
                <h4>来源（{lineage.ancestors.length}）</h4>
                <ul className="artifact-list" data-testid="lineage-ancestors">
                  {lineage.ancestors.map(row)}
                </ul>
              </div>
              <div>
                <h4>衍生（{lineage.descendants.length}）</h4>
                <ul className="artifact-list" data-testid="lineage-descendants">
                  {lineage.descendants.map(row)}
                </ul>
              </div>
              <div>
                <h4>转换（{lineage.transforms.length}）</h4>
                <ul className="artifact-list">
                  {lineage.transforms.map((transform) => (
                    <li key={transform.id} className="artifact-row" data-testid="lineage-transform">
                      <button type="button" className="link-button" onClick={() => onSelectTransform(transform.id)}>
                        <span className="badge">{transform.type}</span> {transform.nodeId ?? ""} · 第{" "}
                        {transform.attempt ?? 1} 次
                      </button>
                      <span className="muted">
                        {transform.inputs.map((input) => input.role).join("、")} →{" "}
                        {transform.outputs.map((output) => output.role).join("、")}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
