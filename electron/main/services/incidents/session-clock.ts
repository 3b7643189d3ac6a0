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

export function sessionClock(clock: Clock, startedAt: EpochMs, speed: number): SessionClock {
  // Real time: the wall clock is the session's clock (no anchoring lag from batched ingest).
  if (speed === 1) return { speed, now: () => clock.now(), observe: () => {} };
  let anchorTs = startedAt;
  let anchorWall = clock.now();
  return {
    speed,
    now: () => Math.max(anchorTs, anchorTs + Math.round((clock.now() - anchorWall) * speed)),
    observe(ts) {
      if (ts >= anchorTs) {
        anchorTs = ts;
        anchorWall = clock.now();
      }
    },
  };
}
