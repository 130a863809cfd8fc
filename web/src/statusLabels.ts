/** Chinese labels for execution and node states. */

const EXECUTION_STATUS_LABELS: Record<string, string> = {
  connecting: "连接中",
  running: "运行中",
  paused: "等待输入",
  completed: "已完成",
  failed: "失败",
  cancelled: "已取消",
};

const NODE_LABELS: Record<string, string> = {
  collect_requirements: "填写需求",
  generate_ideas: "生成创意",
  select_idea: "选定创意",
  configure_outline: "设置大纲",
  generate_outline: "生成大纲",
  edit_outline: "修改大纲",
  summarize_previous: "梳理前情",
  prepare_context: "准备上下文",
  edit_context: "调整本集上下文",
  generate_episode: "生成剧本",
  edit_episode: "修改剧本",
};

const NODE_STATUS_LABELS: Record<string, string> = {
  pending: "未开始",
  running: "运行中",
  streaming: "生成中",
  waiting_input: "等待输入",
  completed: "已完成",
  failed: "失败",
  skipped: "已跳过",
  cancelled: "已停止",
};

export function nodeStatusLabel(status: string): string {
  return NODE_STATUS_LABELS[status] ?? status;
}

const WORKFLOW_LABELS: Record<string, string> = {
  brainstorming: "头脑风暴",
  outline: "大纲",
  episode: "分集剧本",
};

export function executionStatusLabel(status: string): string {
  return EXECUTION_STATUS_LABELS[status] ?? status;
}

export function nodeLabel(nodeId: string | null): string {
  if (!nodeId) return "";
  return NODE_LABELS[nodeId] ?? nodeId;
}

export function workflowLabel(workflowId: string): string {
  return WORKFLOW_LABELS[workflowId] ?? workflowId;
}

/** A short local date and time, or the raw text when it is not a date. */
export function formatTime(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("zh-CN", { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
