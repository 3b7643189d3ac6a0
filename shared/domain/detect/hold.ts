/**
 * Hold timer shared by the signal detectors: a condition must stay bad for `holdMs` before it fires,
 * and good for `clearMs` before it clears, so one bad (or one good) sample never flips the verdict.
 * A gap in the samples longer than `maxGapMs` breaks the streak: two bad samples a minute apart are
 * not "a minute of bad signal".
 */
import type { EpochMs } from '../../types';

export interface HoldConfig {
  /** How long the condition must stay bad before firing. */
  holdMs: number;
  /** How long the signal must stay good before the detector reports healthy. */
  clearMs: number;
  /** A longer silence between samples breaks the streak. */
  maxGapMs: number;
}

export interface HoldState {
  /** Start of the current unbroken bad streak. */
  readonly badSince: EpochMs | null;
  /** Start of the current good streak while firing (the `since` of the healthy report). */
  readonly goodSince: EpochMs | null;
  readonly firing: boolean;
  readonly lastTs: EpochMs | null;
}

/** 'neutral' means the sample says nothing about this condition (e.g. audio while the stream is offline). */
export type Verdict = 'bad' | 'good' | 'neutral';

export const IDLE_HOLD: HoldState = Object.freeze({ badSince: null, goodSince: null, firing: false, lastTs: null });

/**
 * Advance the hold timer by one sample. `holdMs` may be overridden per call (e.g. a deeper fault
 * may need a shorter hold). Compare `prev.firing` with `next.firing` to see the edge.
 */
export function advanceHold(
  s: HoldState,
  verdict: Verdict,
  ts: EpochMs,
  cfg: HoldConfig,
  holdMs = cfg.holdMs,
): HoldState {
  const gap = s.lastTs !== null && ts - s.lastTs > cfg.maxGapMs;
  let badSince = gap ? null : s.badSince;
  let goodSince = gap ? null : s.goodSince;
  let firing = s.firing;
  if (verdict === 'bad') {
    if (badSince === null) badSince = ts;
    goodSince = null;
    if (!firing && ts - badSince >= holdMs) firing = true;
  } else if (verdict === 'good') {
    badSince = null;
    if (firing) {
      if (goodSince === null) goodSince = ts;
      if (ts - goodSince >= cfg.clearMs) firing = false;
    }
  } else {
    badSince = null;
  }
  return { badSince, goodSince, firing, lastTs: ts };
}
