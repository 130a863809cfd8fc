/**
 * Debounced auto-save of a draft: the latest data is saved once the writer has
 * paused for `debounceMs`; saves run one after another, in order, so an older
 * draft never lands after a newer one. When the page is going away,
 * `flushNow` sends the newest unsaved draft at once, even past a save in flight.
 */
import {
  catchError,
  concatMap,
  debounce,
  defer,
  filter,
  map,
  of,
  race,
  Subject,
  tap,
  timer,
  type Subscription,
} from "rxjs";

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface AutoSaver<T> {
  /** Queues the current data; unchanged data is ignored. */
  push(data: T): void;
  /** Saves queued data now instead of after the pause. */
  flush(): void;
  /** Sends the newest unsaved data immediately, without waiting for earlier saves (page hide). */
  flushNow(): void;
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
  // The newest data not yet handed to a save, and the newest sequence saved outside the queue.
  let unsaved: Queued<T> | null = null;
  let savedDirectlyThrough = 0;

  const subscription: Subscription = changes
    .pipe(
      debounce(() => race(timer(debounceMs), flushes)),
      filter(({ sequence }) => sequence > cancelledThrough && sequence > savedDirectlyThrough),
      tap(({ sequence }) => {
        if (unsaved?.sequence === sequence) unsaved = null;
      }),
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
      unsaved = { sequence: latestSequence, data };
      onStatus("pending");
      changes.next(unsaved);
    },
    flush() {
      flushes.next();
    },
    flushNow() {
      const pending = unsaved;
      if (subscription.closed || !pending || pending.sequence <= cancelledThrough) return;
      unsaved = null;
      savedDirectlyThrough = pending.sequence;
      onStatus("saving");
      const settle = (ok: boolean): void => {
        if (pending.sequence !== latestSequence || pending.sequence <= cancelledThrough) return;
        if (!ok) lastQueued = null;
        onStatus(ok ? "saved" : "error");
      };
      defer(() => save(pending.data)).subscribe({ next: () => settle(true), error: () => settle(false) });
    },
    cancelPending() {
      cancelledThrough = latestSequence;
      unsaved = null;
      lastQueued = null;
    },
    dispose() {
      subscription.unsubscribe();
    },
  };
}
