/**
 * False once the page has been hidden (another tab, a minimised window) for
 * longer than `graceMs`; true again as soon as it is shown. Live streams close
 * while it is false, so background tabs do not hold the browser's few
 * connections to the server.
 */
import { useEffect, useState } from "react";

export function usePageVisible(graceMs: number): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (document.visibilityState === "hidden") timer = setTimeout(() => setVisible(false), graceMs);
      else setVisible(true);
    };
    document.addEventListener("visibilitychange", update);
    return () => {
      document.removeEventListener("visibilitychange", update);
      if (timer !== null) clearTimeout(timer);
    };
  }, [graceMs]);
  return visible;
}
