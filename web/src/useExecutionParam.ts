/** Keeps the open execution in the URL (`?execution=<id>`) so that a refresh reopens it. */
import { useCallback, useEffect, useState } from "react";

const PARAM = "execution";

function readParam(): string | null {
  const value = new URLSearchParams(window.location.search).get(PARAM);
  return value && value.trim() !== "" ? value : null;
}

export function useExecutionParam(): [string | null, (executionId: string | null) => void] {
  const [executionId, setExecutionId] = useState<string | null>(readParam);

  useEffect(() => {
    const onPopState = (): void => setExecutionId(readParam());
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const open = useCallback((next: string | null) => {
    const url = new URL(window.location.href);
    if (next) url.searchParams.set(PARAM, next);
    else url.searchParams.delete(PARAM);
    if (url.href !== window.location.href) window.history.pushState(null, "", url);
    setExecutionId(next);
  }, []);

  return [executionId, open];
}
