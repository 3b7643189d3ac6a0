/**
 * What the sources that hold one connection (OBS, Zoom) share: handlers that log instead of throwing, and the
 * reconnect loop — count the failed attempts, wait with socket.io's backoff, connect again.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import { backoffMs } from '../ingest/socketio-source';
import { messageOf } from '../../../../shared/error-message';

export type Guard = <A extends unknown[]>(what: string, fn: (...args: A) => void) => (...args: A) => void;

/** Event handlers and timers run outside any caller: whatever goes wrong in them is logged, not thrown. */
export function loggingFailures(log: (line: string) => void): Guard {
  return (what, fn) =>
    (...args) => {
      try {
        fn(...args);
      } catch (err) {
        log(`${what} failed: ${messageOf(err)}`);
      }
    };
}

export interface Reconnect {
  /** Failed attempts since a connection was last online. */
  attempt(): number;
  /** A connection failed: counts it and arms `connect` after the backoff (at least `atLeastMs`); answers the wait. */
  retry(atLeastMs?: number): number;
  /** Online (or started afresh): the next failure waits the shortest time again. */
  reset(): void;
  /** Stopped: the armed retry, if any, never runs. */
  cancel(): void;
}

export function reconnectLoop(o: {
  clock: Clock;
  minMs: number;
  maxMs: number;
  random?: () => number;
  guard: Guard;
  connect(): void;
}): Reconnect {
  let attempt = 0;
  let timer: Disposable | null = null;
  const cancel = () => {
    timer?.dispose();
    timer = null;
  };
  return {
    attempt: () => attempt,
    retry(atLeastMs = 0) {
      cancel();
      attempt++;
      const ms = Math.max(backoffMs(attempt, o.minMs, o.maxMs, o.random), atLeastMs);
      timer = o.clock.setTimer(
        ms,
        o.guard('reconnect', () => {
          timer = null;
          o.connect();
        }),
      );
      return ms;
    },
    reset: () => void (attempt = 0),
    cancel,
  };
}
