/** What a component needs to know about the signed-in session. */
import { createContext, useCallback, useContext } from "react";
import { ApiError } from "./apiError";

export interface Session {
  /** Called when the server answers 401: the cookie session has ended. */
  expire(): void;
}

export const SessionContext = createContext<Session>({ expire: () => undefined });

/** Returns a handler that ends the session when an error is a 401. */
export function useUnauthorizedHandler(): (error: unknown) => void {
  const { expire } = useContext(SessionContext);
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) expire();
    },
    [expire],
  );
}
