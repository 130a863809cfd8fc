import { useEffect, useState } from "react";
import { fetchChunks, fetchTransform, type Chunk, type Transform } from "./apiArtifacts";
import { ErrorNotice } from "./ErrorNotice";
import { list, record, text } from "./fields";
import { TransformReplay } from "./TransformReplay";
import { formatTime } from "./statusLabels";

interface TransformInspectorProps {
  transformId: string;
  onShowLineage: (artifactId: string) => void;
}

type Loaded =
  { state: "loading" } | { state: "failed"; error: unknown } | { state: "done"; transform: Transform; chunks: Chunk[] };

function PromptMessages({ prompt }: { prompt: unknown }) {
  const messages = Array.isArray(prompt) ? prompt : list(record(prompt).messages);
  if (messages.length === 0)
    return <pre className="raw-text">{typeof prompt === "string" ? prompt : JSON.stringify(prompt, null, 2)}</pre>;
  return (
    <div className="prompt-messages">
      {messages.map((message, index) => (
        <div key={index} className="prompt-message">
          <span className="badge">{text(record(message).role) || "message"}</span>
          <pre className="raw-text">{text(record(message).content)}</pre>
        </div>
      ))}
    </div>
  );
}

/** Everything stored about one transform: prompt, model, raw response, chunks, usage, attempt, inputs and outputs. */
export function TransformInspector({ transformId, onShowLineage }: TransformInspectorProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    let active = true;
    setLoaded({ state: "loading" });
    Promise.all([fetchTransform(transformId), fetchChunks(transformId).catch(() => [])])
      .then(([transform, chunks]) => active && setLoaded({ state: "done", transform, chunks }))
      .catch((error: unknown) => active && setLoaded({ state: "failed", error }));
    return () => {
      active = false;
    };
  }, [transformId]);

  if (loaded.state === "loading") return <p className="muted">正在载入 {transformId}…</p>;
  if (loaded.state === "failed") return <ErrorNotice error={loaded.error} />;
  const { transform, chunks } = loaded;
  const usage = transform.usage ?? {};
  return (
    <div className="transform-inspector" data-testid="transform-inspector" data-transform={transform.id}>
      <dl className="facts">
        <dt>转换</dt>
        <dd>
          <code>{transform.id}</code> · {transform.type} · {transform.status}
        </dd>
        <dt>节点</dt>
        <dd>
          {transform.nodeId ?? "—"} · 第 {transform.attempt ?? 1} 次尝试
        </dd>
        {transform.model && (
          <>
            <dt>模型</dt>
            <dd>{transform.model}</dd>
          </>
        )}
        <dt>用量</dt>
        <dd data-testid="transform-usage">
          {Object.keys(usage).length > 0
            ? Object.entries(usage)
                .map(([key, value]) => `${key}: ${String(value)}`)
                .join(" · ")
            : "—"}
        </dd>
        <dt>时间</dt>
        <dd>
          {formatTime(transform.createdAt)} → {formatTime(transform.completedAt)}
        </dd>
        <dt>输入</dt>
        <dd>
          {transform.inputs.map((input) => (
            <button
              key={input.artifactId}
              type="button"
              className="link-button"
              onClick={() => onShowLineage(input.artifactId)}
            >
              {input.role}:{input.artifactId}
            </button>
          ))}
        </dd>
        <dt>输出</dt>
        <dd>
          {transform.outputs.map((output) => (
            <button
              key={output.artifactId}
              type="button"
              className="link-button"
              onClick={() => onShowLineage(output.artifactId)}
            >
              {output.role}:{output.artifactId}
            </button>
          ))}
        </dd>
      </dl>
      {transform.error !== null && (
        <pre className="raw-text error-detail">{JSON.stringify(transform.error, null, 2)}</pre>
      )}
      {transform.prompt !== null && (
        <details>
          <summary>提示词</summary>
          <PromptMessages prompt={transform.prompt} />
        </details>
      )}
      {transform.rawResponse !== null && (
        <details>
          <summary>原始回复（{transform.rawResponse.length} 字符）</summary>
          <pre className="raw-text" data-testid="raw-response">
            {transform.rawResponse}
          </pre>
        </details>
      )}
      {transform.modifications !== null && (
        <details open>
          <summary>修改</summary>
          <pre className="raw-text">{JSON.stringify(transform.modifications, null, 2)}</pre>
        </details>
      )}
      <details>
        <summary data-testid="chunk-count">分块（{chunks.length} 个）</summary>
        <ol className="chunk-list">
          {chunks.slice(0, 500).map((chunk) => (
            <li key={chunk.index}>
              <code>{JSON.stringify(chunk.delta)}</code>
            </li>
          ))}
        </ol>
        {chunks.length > 500 && <p className="muted">只显示前 500 个。</p>}
      </details>
      {(chunks.length > 0 || transform.type === "llm") && (
        <TransformReplay transformId={transform.id} chunks={chunks} llm={transform.type === "llm"} />
      )}
    </div>
  );
}
