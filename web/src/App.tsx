import { useCallback, useEffect, useMemo, useState } from "react";
import { createExecution, fetchCurrentUser, fetchSystemInfo, logout, type SystemInfo, type User } from "./api";
import { ApiError } from "./apiError";
import { AppHeader } from "./AppHeader";
import { AuthScreen } from "./AuthScreen";
import { BRAINSTORMING } from "./brainstormingNodes";
import { ErrorNotice } from "./ErrorNotice";
import { ExecutionPage } from "./ExecutionPage";
import { HomePanel } from "./HomePanel";
import { SessionContext, type Session } from "./session";
import { SystemBanner } from "./SystemBanner";
import { useExecutionParam } from "./useExecutionParam";

type AuthState = { kind: "checking" } | { kind: "signedOut"; notice: string | null } | { kind: "signedIn"; user: User };

export function App() {
  const [system, setSystem] = useState<SystemInfo | null>(null);
  const [systemError, setSystemError] = useState(false);
  const [auth, setAuth] = useState<AuthState>({ kind: "checking" });
  const [executionId, openExecution] = useExecutionParam();
  const [creating, setCreating] = useState(false);
  const [pageError, setPageError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    fetchSystemInfo()
      .then((info) => active && setSystem(info))
      .catch(() => active && setSystemError(true));
    fetchCurrentUser()
      .then((user) => active && setAuth({ kind: "signedIn", user }))
      .catch((error: unknown) => {
        if (!active) return;
        const unreachable = error instanceof ApiError && error.status !== 401;
        setAuth({ kind: "signedOut", notice: unreachable ? "暂时无法确认登录状态，请检查服务是否已启动。" : null });
      });
    return () => {
      active = false;
    };
  }, []);

  const session = useMemo<Session>(
    () => ({ expire: () => setAuth({ kind: "signedOut", notice: "登录已失效，请重新登录。" }) }),
    [],
  );

  const handleSignOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session is left on the server only if it could not be reached; the page signs out regardless.
    }
    setPageError(null);
    openExecution(null);
    setAuth({ kind: "signedOut", notice: null });
  }, [openExecution]);

  const handleNewBrainstorm = useCallback(async () => {
    setCreating(true);
    setPageError(null);
    try {
      const { executionId: created } = await createExecution(BRAINSTORMING);
      openExecution(created);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) session.expire();
      else setPageError(error);
    } finally {
      setCreating(false);
    }
  }, [openExecution, session]);

  const user = auth.kind === "signedIn" ? auth.user : null;

  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <AppHeader
          user={user}
          model={system && !system.llm.demo ? system.llm.model : null}
          creating={creating}
          onNewBrainstorm={handleNewBrainstorm}
          onHome={() => openExecution(null)}
          onSignOut={handleSignOut}
        />
        <SystemBanner system={system} unavailable={systemError} />
        <main className="app-main">
          {auth.kind === "checking" && <p className="muted centered">正在加载…</p>}
          {auth.kind === "signedOut" && (
            <AuthScreen notice={auth.notice} onSignedIn={(signedIn) => setAuth({ kind: "signedIn", user: signedIn })} />
          )}
          {user && (
            <>
              {pageError !== null && <ErrorNotice error={pageError} testId="page-error" />}
              {executionId ? (
                <ExecutionPage
                  key={executionId}
                  executionId={executionId}
                  onOpen={openExecution}
                  onClose={() => openExecution(null)}
                />
              ) : (
                <HomePanel onOpen={openExecution} />
              )}
            </>
          )}
        </main>
        <footer className="app-footer muted">Script Writer · 竖屏短剧创作助手</footer>
      </div>
    </SessionContext.Provider>
  );
}
