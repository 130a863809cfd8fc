import type { SystemInfo } from "./api";

interface SystemBannerProps {
  system: SystemInfo | null;
  unavailable: boolean;
}

/** Says plainly when the offline demo model answers instead of a real one. */
export function SystemBanner({ system, unavailable }: SystemBannerProps) {
  if (unavailable) {
    return <div className="system-note muted">暂时无法获取模型信息。</div>;
  }
  if (!system?.llm.demo) return null;
  return (
    <div className="demo-banner" data-testid="demo-banner" role="status">
      <strong>正在使用离线演示模型（演示模型）</strong>
      <span>
        生成的内容是预置的示例答案，并非真实创作。要使用真实模型，请在运行 <code>make run</code> 之前设置环境变量{" "}
        <code>OPENAI_BASE_URL</code>、<code>OPENAI_API_KEY</code> 和 <code>LLM_MODEL</code>。
      </span>
    </div>
  );
}
