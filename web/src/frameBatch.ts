/**
 * Paces a busy stream to the screen: values are collected and handed on as
 * one array per animation frame, so a burst of chunks costs one render.
 * Hidden tabs get no animation frames; a timer stands in for them there.
 */
import { animationFrames, Observable, race, take, timer, type OperatorFunction, type Subscription } from "rxjs";

const HIDDEN_TAB_FLUSH_MS = 100;

/** The next animation frame, or a short timer when frames do not come. */
export function nextFrame(): Observable<unknown> {
  return race(animationFrames().pipe(take(1)), timer(HIDDEN_TAB_FLUSH_MS));
}

export function bufferToFrames<T>(frame: () => Observable<unknown> = nextFrame): OperatorFunction<T, T[]> {
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let buffer: T[] = [];
      let scheduled = false;
      let waiting: Subscription | null = null;
      const flush = (): void => {
        scheduled = false;
        waiting?.unsubscribe();
        waiting = null;
        if (buffer.length === 0) return;
        const batch = buffer;
        buffer = [];
        subscriber.next(batch);
      };
      const upstream = source.subscribe({
        next(value) {
          buffer.push(value);
          if (scheduled) return;
          scheduled = true;
          const subscription = frame().pipe(take(1)).subscribe(flush);
          // A frame source that fired at once has already flushed.
          if (scheduled) waiting = subscription;
        },
        error(error: unknown) {
          flush();
          subscriber.error(error);
        },
        complete() {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        waiting?.unsubscribe();
        upstream.unsubscribe();
      };
    });
}
