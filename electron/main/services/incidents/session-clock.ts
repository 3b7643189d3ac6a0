/**
 * A session's own time line. The simulator can play at 60× with timestamps compressed accordingly, so
 * "now" for detectors and deadlines is the source's time, extrapolated from the newest data at the
 * session's speed. For a real source (speed 1) this is the wall clock.
 */
import type { Clock } from '../../../../shared/clock';
import type { EpochMs } from '../../../../shared/types';

export interface SessionClock {
  now(): EpochMs;
  /** Re-anchor on data that carries the source's own timestamp. */
  observe(ts: EpochMs): void;
  speed: number;
}

export const LAG_ALLOWANCE_MS = 500;

export function sessionClock(clock: Clock, startedAt: EpochMs, speed: number): SessionClock {
  // Real time: the wall clock is the session's clock (no anchoring lag from batched ingest).
  if (speed === 1) return { speed, now: () => clock.now(), observe: () => {} };
  let anchorTs = startedAt;
  let anchorWall = clock.now();
  return {
    speed,
    // Our own batching (ingest flushes every 100 ms) and event-loop jitter are multiplied by the speed: at
    // 30x, a 200 ms hiccup would be 6 s of "silence" and a dead-source false alarm. So the first
    // LAG_ALLOWANCE_MS of wall time after the newest data do not advance the session's clock.
    now: () => anchorTs + Math.max(0, Math.round((clock.now() - anchorWall - LAG_ALLOWANCE_MS) * speed)),
    observe(ts) {
      if (ts >= anchorTs) {
        anchorTs = ts;
        anchorWall = clock.now();
      }
    },
  };
}
