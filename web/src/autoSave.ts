/**
 * Debounced auto-save of a draft: the latest data is saved once the writer has
 * paused for `debounceMs`; saves run one after another, in order, so an older
 * draft never lands after a newer one.
 */
import { catchError, concatMap, debounce, defer, filter, map, of, race, Subject, timer, type Subscription } from "rxjs";

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface AutoSaver<T> {
  /** Queues the current data; unchanged data is ignored. */
  push(data: T): void;
  /** Saves queued data now instead of after the pause. */
  flush(): void;
  /** Drops queued data and ignores the outcome of saves already started. */
  cancelPending(): void;
  /** Stops saving; queued data is dropped. */
  dispose(): void;
}

interface Queued<T> {
  sequence: number;
  data: T;
}

export function createAutoSaver<T>(
  save: (data: T) => Promise<unknown>,
  debounceMs: number,
  onStatus: (status: SaveStatus) => void,
): AutoSaver<T> {
  const changes = new Subject<Queued<T>>();
  const flushes = new Subject<void>();
  let latestSequence = 0;
  let cancelledThrough = 0;
  let lastQueued: string | null = null;

  const subscription: Subscription = changes
    .pipe(
      debounce(() => race(timer(debounceMs), flushes)),
      filter(({ sequence }) => sequence > cancelledThrough),
      concatMap(({ sequence, data }) => {
        onStatus("saving");
        return defer(() => save(data)).pipe(
          map(() => ({ sequence, ok: true })),
          catchError(() => of({ sequence, ok: false })),
        );
      }),
    )
    .subscribe(({ sequence, ok }) => {
      if (sequence !== latestSequence || sequence <= cancelledThrough) return;
      if (!ok) lastQueued = null;
      onStatus(ok ? "saved" : "error");
    });

  return {
    push(data) {
      const serialized = JSON.stringify(data);
      if (serialized === lastQueued || subscription.closed) return;
      lastQueued = serialized;
      latestSequence += 1;
      onStatus("pending");
      changes.next({ sequence: latestSequence, data });
    },
    flush() {
      flushes.next();
    },
    cancelPending() {
      cancelledThrough = latestSequence;
      lastQueued = null;
    },
    dispose() {
      subscription.unsubscribe();
    },
  };
}
