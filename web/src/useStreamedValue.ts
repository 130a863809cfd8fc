/**
 * The value of a streamed JSON text so far, read by `decode`, with every part
 * that did not change kept identical between frames (finished fields do not re-render).
 */
import { useMemo, useRef } from "react";
import { parsePartialJson } from "./partialJson";
import { shareStructure } from "./structuralSharing";

export function useStreamedValue<T>(text: string, decode: (value: unknown) => T): T {
  const previous = useRef<T | undefined>(undefined);
  return useMemo(() => {
    const next = shareStructure(previous.current, decode(parsePartialJson(text)));
    previous.current = next;
    return next;
  }, [text, decode]);
}
