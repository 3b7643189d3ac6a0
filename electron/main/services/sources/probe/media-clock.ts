/**
 * Maps media time (pts, seconds) to wall-clock time, so a reading is stamped when its media played rather than
 * when ffmpeg got round to it: ts = pts·1000 + anchor, the anchor being the least (wall − pts·1000) seen so far.
 * A burst read faster than real time (HLS catching up, ffmpeg's own probing at the start) lowers the anchor, so
 * nothing is stamped later than the moment it was read, and a stamp never goes back. One clock per ffmpeg run:
 * each run's pts start afresh.
 */
import type { EpochMs } from '../../../../../shared/types';

export interface MediaClock {
  /** A reading of the media position now being read: when it played. */
  stamp(pts: number, wallNow: EpochMs): EpochMs;
  /** When an earlier media instant played (a start reported after the fact), by what the clock knows. */
  at(pts: number, wallNow: EpochMs): EpochMs;
  /** How far the media has run ahead of the wall clock since the first reading (a burst, or not live at all). */
  ahead(): number;
}

/** Media time going back by more than this is a new time line (a discontinuity), not the streams' interleave. */
const BACKWARDS_MS = 2000;

export function mediaClock(): MediaClock {
  let anchor: number | undefined;
  let first: number | undefined;
  let lastMs = -Infinity;
  let lastTs = -Infinity;
  return {
    stamp(pts, wallNow) {
      const ms = pts * 1000;
      if (ms < lastMs - BACKWARDS_MS) {
        anchor = first = undefined;
        lastMs = -Infinity;
      }
      first ??= wallNow - ms;
      anchor = Math.min(anchor ?? Infinity, wallNow - ms);
      lastMs = Math.max(lastMs, ms);
      lastTs = Math.max(lastTs, Math.round(ms + anchor));
      return lastTs;
    },
    at(pts, wallNow) {
      return anchor === undefined ? wallNow : Math.min(wallNow, Math.round(pts * 1000 + anchor));
    },
    ahead: () => (first === undefined || anchor === undefined ? 0 : first - anchor),
  };
}
