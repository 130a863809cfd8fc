import { useEffect, useState } from "react";
import type { ConnectionStatus } from "./useExecutionStream";

function useOnline(): boolean {
  const [online, setOnline] = useState(() => typeof navigator === "undefined" || navigator.onLine);
  useEffect(() => {
    const up = (): void => setOnline(true);
    const down = (): void => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  return online;
}

/** Shown while the live connection is down; it goes away by itself once the stream is back. */
export function ConnectionBanner({ connection }: { connection: ConnectionStatus }) {
  const online = useOnline();
  if (online && connection !== "reconnecting") return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {online ? "与服务器的连接中断了，正在自动重新连接…" : "网络已断开，恢复后会自动重新连接，已写的内容不会丢失。"}
    </div>
  );
}
