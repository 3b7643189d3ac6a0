/**
 * A session's own time line, the one "now" that detectors, deadlines and the silence timer agree on, in main
 * and in every console. A simulator or a replay can play at 30× with its timestamps compressed to match, so
 * the session's "now" is the source's newest timestamp, extrapolated at the session's speed from the wall
 * time that data arrived. For a real-time source (speed 1) it is simply the wall clock.
 *
 * Pure: the wall time is always passed in, never read here.
 */
import type { EpochMs } from '../types';

/**
 * Our own batching (ingest flushes every 100 ms, events then cross IPC or a socket) and event-loop jitter
 * are multiplied by the speed: at 30×, a 200 ms hiccup would be 6 s of "silence" and a dead-source false
 * alarm. So the first LAG_ALLOWANCE_MS of wall time after the newest data do not advance the session's time.
 */
export const LAG_ALLOWANCE_MS = 500;

/** Where the session's time line is pinned: source time `ts` was current at wall time `wall`. */
export interface SessionAnchor {
  ts: EpochMs;
  wall: EpochMs;
}

/** The anchor at the start of a session: its own start time, seen now. */
export const startAnchor = (startedAt: EpochMs, wallNow: EpochMs): SessionAnchor => ({ ts: startedAt, wall: wallNow });

/** Re-anchor on data carrying the source's timestamp `ts`, received at `wallNow`; older data never moves time back. */
export function observe(anchor: SessionAnchor | null, ts: EpochMs, wallNow: EpochMs): SessionAnchor {
  return anchor && ts < anchor.ts ? anchor : { ts, wall: wallNow };
}

/** The session's "now" at wall time `wallNow`. Without an anchor yet, the wall clock is the best guess. */
export function sessionNow(anchor: SessionAnchor | null, wallNow: EpochMs, speed: number): EpochMs {
  // Real time: the wall clock is the session's clock (no anchoring lag from batched ingest).
  if (speed === 1 || !anchor) return wallNow;
  return anchor.ts + Math.max(0, Math.round((wallNow - anchor.wall - LAG_ALLOWANCE_MS) * speed));
}
