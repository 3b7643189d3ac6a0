/**
 * The session clock of the services: the shared time line (shared/domain/session-time.ts) fed with the
 * source's timestamps as ingest receives them. The consoles run the same math on the data they receive, so
 * a deadline turns red on screen when main raises its alarm, at any playback speed.
 */
import type { Clock } from '../../../../shared/clock';
import { observe, sessionNow, startAnchor, type SessionAnchor } from '../../../../shared/domain/session-time';
import type { EpochMs } from '../../../../shared/types';

export interface SessionClock {
  now(): EpochMs;
  /** Re-anchor on data that carries the source's own timestamp. */
  observe(ts: EpochMs): void;
  speed: number;
}

export function sessionClock(clock: Clock, startedAt: EpochMs, speed: number): SessionClock {
  let anchor: SessionAnchor = startAnchor(startedAt, clock.now());
  return {
    speed,
    now: () => sessionNow(anchor, clock.now(), speed),
    observe(ts) {
      anchor = observe(anchor, ts, clock.now());
    },
  };
}
