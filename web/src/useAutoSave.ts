/** React binding of `createAutoSaver`: one saver per mounted form. */
import { useEffect, useRef, useState } from "react";
import { createAutoSaver, type AutoSaver, type SaveStatus } from "./autoSave";

export interface AutoSave<T> {
  status: SaveStatus;
  /** Queues the data for saving (no-op when auto-save is off). */
  schedule(data: T): void;
  /** Drops queued data and ignores saves in flight, e.g. right before a submit. */
  cancelPending(): void;
}

export function useAutoSave<T>(save: (data: T) => Promise<unknown>, debounceMs: number, enabled: boolean): AutoSave<T> {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  const saverRef = useRef<AutoSaver<T> | null>(null);

  useEffect(() => {
    if (!enabled) return undefined;
    const saver = createAutoSaver<T>((data) => saveRef.current(data), debounceMs, setStatus);
    saverRef.current = saver;
    // Leaving, reloading or switching away: what was typed is sent now, not after the pause.
    const flushNow = (): void => saver.flushNow();
    const onVisibility = (): void => {
      if (document.visibilityState === "hidden") saver.flushNow();
    };
    window.addEventListener("pagehide", flushNow);
    window.addEventListener("beforeunload", flushNow);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flushNow);
      window.removeEventListener("beforeunload", flushNow);
      document.removeEventListener("visibilitychange", onVisibility);
      // A change typed just before leaving is still saved.
      saver.flushNow();
      saver.dispose();
      if (saverRef.current === saver) saverRef.current = null;
    };
  }, [debounceMs, enabled]);

  return {
    status,
    schedule: (data) => saverRef.current?.push(data),
    cancelPending: () => {
      saverRef.current?.cancelPending();
      setStatus("idle");
    },
  };
}
