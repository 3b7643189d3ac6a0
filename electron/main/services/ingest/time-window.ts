/**
 * Which timestamps ingest believes. The schemas check a timestamp's shape; this checks that it is plausible
 * for its session at the moment it arrives. One sample stamped a day ahead used to move the "last sample"
 * time a day forward (no "source went quiet" for a day), and one stamped past the end of the Date range
 * blanked every date on screen. Such items are quarantined with a reason, never stored or shown.
 *
 * The window of a session, received at wall time R:
 * - not before the session's start minus a day (the source's clock may be off, a lobby may open early);
 * - not ahead of where the session's time line stands at R by more than a few minutes, times the speed.
 *   The time line stands at the hello's `now` (else its start) plus the wall time since the hello, times
 *   the speed, and never behind R itself. It is pinned to the hello, not to the newest data, so accepted
 *   data cannot ratchet the window forward a few minutes at a time.
 * A hello must be recent (started at most a week ago) and, at real-time speed, not in the future. A fast
 * source (a simulator or a replay at 60×) compresses time: after an hour of looping at 60× its time line is
 * two and a half days ahead of the wall clock, so its start may lead the wall clock by up to a year.
 *
 * Pure: the wall time is passed in.
 */
import type { EpochMs, SourceHello } from '../../../../shared/types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const TIME_WINDOW = {
  beforeStartMs: DAY,
  aheadMs: 2 * MINUTE,
  maxAgeMs: 7 * DAY,
  fastLeadMs: 366 * DAY,
  /** How far into its run a hello's `now` or a scripted fault may be. */
  maxRunMs: 7 * DAY,
} as const;

export interface SessionTimeline {
  startedAt: EpochMs;
  speed: number;
  /** Where the source's time line stood at wall time `seenAt`. */
  position: EpochMs;
  seenAt: EpochMs;
}

export const timelineOf = (h: SourceHello, receivedAt: EpochMs): SessionTimeline => ({
  startedAt: h.startedAt,
  speed: h.speed,
  position: h.now ?? h.startedAt,
  seenAt: receivedAt,
});

/** A slow replay (speed < 1) still gets the real-time allowance. */
const scale = (speed: number) => Math.max(1, speed);

function span(ms: number): string {
  const a = Math.abs(ms);
  if (a < 2 * MINUTE) return `${Math.round(a / 1000)} s`;
  if (a < 2 * 60 * MINUTE) return `${Math.round(a / MINUTE)} min`;
  if (a < 2 * DAY) return `${Math.round(a / (60 * MINUTE))} h`;
  return `${Math.round(a / DAY)} days`;
}

/** Where the session's time line stands at wall time `at`, by its hello. */
export const positionAt = (t: SessionTimeline, at: EpochMs): EpochMs =>
  t.position + Math.max(0, at - t.seenAt) * t.speed;

/** The latest timestamp believable at wall time `receivedAt`. */
function latestBelievable(t: SessionTimeline, receivedAt: EpochMs): EpochMs {
  return Math.max(receivedAt, positionAt(t, receivedAt)) + TIME_WINDOW.aheadMs * scale(t.speed);
}

/** Null when `ts` is believable for the session at `receivedAt`, else why not (one line). */
export function checkTimestamp(t: SessionTimeline, ts: EpochMs, receivedAt: EpochMs, field = 'ts'): string | null {
  const earliest = t.startedAt - TIME_WINDOW.beforeStartMs;
  if (ts < earliest)
    return `${field}: ${ts} is ${span(t.startedAt - ts)} before the session started (allowed: ${span(TIME_WINDOW.beforeStartMs)})`;
  const latest = latestBelievable(t, receivedAt);
  if (ts > latest) {
    const ahead = ts - (latest - TIME_WINDOW.aheadMs * scale(t.speed));
    return `${field}: ${ts} is ${span(ahead)} ahead of the session's time line (allowed: ${span(TIME_WINDOW.aheadMs)} × speed ${t.speed})`;
  }
  return null;
}

/** Null when the hello's times are believable at `receivedAt`, else why not (one line). */
export function checkHello(h: SourceHello, receivedAt: EpochMs): string | null {
  if (h.startedAt < receivedAt - TIME_WINDOW.maxAgeMs)
    return `startedAt: ${h.startedAt} is ${span(receivedAt - h.startedAt)} ago (a live session started at most ${span(TIME_WINDOW.maxAgeMs)} ago)`;
  const lead = h.speed > 1 ? TIME_WINDOW.fastLeadMs : TIME_WINDOW.aheadMs;
  if (h.startedAt > receivedAt + lead)
    return `startedAt: ${h.startedAt} is ${span(h.startedAt - receivedAt)} in the future (allowed at speed ${h.speed}: ${span(lead)})`;
  const run = (ts: EpochMs, field: string): string | null =>
    ts < h.startedAt - TIME_WINDOW.beforeStartMs || ts > h.startedAt + TIME_WINDOW.maxRunMs
      ? `${field}: ${ts} is not within a day before to ${span(TIME_WINDOW.maxRunMs)} after startedAt`
      : null;
  if (h.now !== undefined) {
    if (h.now < h.startedAt) return `now: ${h.now} is before startedAt ${h.startedAt}`;
    const bad = run(h.now, 'now');
    if (bad) return bad;
    if (h.speed <= 1 && h.now > receivedAt + TIME_WINDOW.aheadMs)
      return `now: ${h.now} is ${span(h.now - receivedAt)} ahead of the receive time (allowed: ${span(TIME_WINDOW.aheadMs)})`;
  }
  for (const [i, f] of (h.truth ?? []).entries()) {
    const bad = run(f.startTs, `truth.${i}.startTs`) ?? run(f.endTs, `truth.${i}.endTs`);
    if (bad) return bad;
  }
  return null;
}
