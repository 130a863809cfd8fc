import { useState, type FormEvent } from "react";
import { login, register, type User } from "./api";
import type { ErrorContext } from "./apiError";
import { ErrorNotice } from "./ErrorNotice";

interface AuthScreenProps {
  /** Why the writer is here again (session ended, server unreachable), if known. */
  notice: string | null;
  onSignedIn: (user: User) => void;
}

type Action = "login" | "register";

export function AuthScreen({ notice, onSignedIn }: AuthScreenProps) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; context: ErrorContext } | null>(null);

  async function run(action: Action): Promise<void> {
    setBusy(action);
    setFailure(null);
    try {
      const user = action === "login" ? await login(username, password) : await register(username, password);
      onSignedIn(user);
    } catch (error) {
      setFailure({ error, context: action });
      setBusy(null);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void run("login");
  }

  return (
    <form className="auth-card card" onSubmit={handleSubmit} noValidate>
      <h1 className="auth-title">登录 Script Writer</h1>
      <p className="muted">和模型一起构思竖屏短剧：头脑风暴、选定创意，再往下写。</p>
      {notice && <p className="info-notice">{notice}</p>}
      <label className="field">
        <span className="field-label">用户名</span>
        <input
          data-testid="login-username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          required
        />
      </label>
      <label className="field">
        <span className="field-label">密码</span>
        <input
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
      </label>
      {failure && <ErrorNotice error={failure.error} context={failure.context} testId="auth-error" />}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="login-submit" disabled={busy !== null}>
          {busy === "login" ? "登录中…" : "登录"}
        </button>
        <button
          type="button"
          className="button"
          data-testid="register-submit"
          disabled={busy !== null}
          onClick={() => void run("register")}
        >
          {busy === "register" ? "注册中…" : "注册"}
        </button>
      </div>
      <p className="hint">新用户：用户名 3–32 位字母、数字、下划线或连字符，密码至少 8 位，填好后点「注册」。</p>
    </form>
  );
}
