import type { SaveStatus } from "./autoSave";

const LABELS: Record<SaveStatus, string> = {
  idle: "自动保存已开启",
  pending: "保存中…",
  saving: "保存中…",
  saved: "已保存",
  error: "保存失败，稍后会在下次修改时重试",
};

export function SaveStatusLabel({ status, enabled = true }: { status: SaveStatus; enabled?: boolean }) {
  return (
    <span className={`save-status save-${status}`} data-testid="save-status" data-status={status} aria-live="polite">
      {enabled ? LABELS[status] : "未开启自动保存"}
    </span>
  );
}
