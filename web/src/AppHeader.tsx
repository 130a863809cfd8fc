import type { User } from "./api";

interface AppHeaderProps {
  user: User | null;
  /** The real model's name; null when unknown or when the demo model is in use. */
  model: string | null;
  creating: boolean;
  onNewBrainstorm: () => void;
  onHome: () => void;
  onSignOut: () => void;
}

export function AppHeader({ user, model, creating, onNewBrainstorm, onHome, onSignOut }: AppHeaderProps) {
  return (
    <header className="app-header">
      <button type="button" className="brand" onClick={onHome} disabled={!user} title="回到首页">
        <span className="brand-name">Script Writer</span>
        <span className="brand-tagline">竖屏短剧创作</span>
      </button>
      <div className="header-actions">
        {model && (
          <span className="model-name" data-testid="model-name" title="当前使用的模型">
            模型：{model}
          </span>
        )}
        {user && (
          <>
            <button
              type="button"
              className="button primary"
              data-testid="new-brainstorm"
              onClick={onNewBrainstorm}
              disabled={creating}
            >
              {creating ? "创建中…" : "新建头脑风暴"}
            </button>
            <span className="user-name" title="当前用户">
              {user.username}
            </span>
            <button type="button" className="button ghost" data-testid="logout" onClick={onSignOut}>
              退出
            </button>
          </>
        )}
      </div>
    </header>
  );
}
