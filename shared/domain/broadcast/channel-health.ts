/**
 * Channel delivery state: is each channel really carrying our posts? Folded from the outbox's attempts
 * (a success, a failure with its reason) plus the posts still waiting, with the time passed in.
 * Lesson encoded: a channel that keeps failing must never look calm. It alarms when its posts keep failing
 * (FAILURES_IN_A_ROW attempts in a row, or failing for FAILING_FOR_MS) or when a post has not gone out within
 * its playbook's first-update deadline.
 */
import type { ChannelId } from '../../channels';
import type { EpochMs } from '../../types';

const FAILURES_IN_A_ROW = 3;
export const FAILING_FOR_MS = 2 * 60_000;
const ALARM_ADVICE = 'Check the webhook URL (or the credentials) in Channels, or Skip it in the checklist.';

interface ChannelAlarm {
  /** 'failing': its posts keep failing; 'overdue': a post has not gone out within the playbook's deadline. */
  kind: 'failing' | 'overdue';
  /** When the trouble began: the first failure of the run, or the overdue post's creation. */
  since: EpochMs;
  reason: string;
  advice: string;
  /** The incident whose post is stuck, when one is. */
  incidentId?: string;
}

/** The last "Send a test message": a test, never an incident's post, never counted in the report. */
export interface ChannelTestResult {
  ok: boolean;
  at: EpochMs;
  detail: string;
}

export interface ChannelHealth {
  channel: ChannelId;
  lastSuccessAt?: EpochMs;
  lastFailureAt?: EpochMs;
  lastFailureReason?: string;
  /** First failure since the last success; unset while the channel delivers. */
  failingSince?: EpochMs;
  failuresInARow: number;
  /** Attempts seen (successes and failures). */
  attempts: number;
  alarm?: ChannelAlarm;
  lastTest?: ChannelTestResult;
}

/** A post not delivered yet (queued, sending or failed), with the instant it is due at the latest. */
export interface PendingPost {
  incidentId?: string;
  createdAt: EpochMs;
  deadlineAt?: EpochMs;
}

export const emptyHealth = (channel: ChannelId): ChannelHealth => ({ channel, failuresInARow: 0, attempts: 0 });

type Attempt = { ok: true; at: EpochMs } | { ok: false; at: EpochMs; reason: string };

/** One more delivery attempt on the channel. The alarm is left to `evaluate`. */
export function recordAttempt(h: ChannelHealth, a: Attempt): ChannelHealth {
  if (a.ok) {
    const { failingSince: _f, ...rest } = h;
    return { ...rest, lastSuccessAt: a.at, failuresInARow: 0, attempts: h.attempts + 1 };
  }
  return {
    ...h,
    lastFailureAt: a.at,
    lastFailureReason: a.reason,
    failingSince: h.failingSince ?? a.at,
    failuresInARow: h.failuresInARow + 1,
    attempts: h.attempts + 1,
  };
}

/** The channel's alarm now, if any: a failing run wins over an overdue post (it says why). */
export function alarmOf(h: ChannelHealth, pending: readonly PendingPost[], now: EpochMs): ChannelAlarm | undefined {
  const failing =
    h.failingSince !== undefined &&
    (h.failuresInARow >= FAILURES_IN_A_ROW || now - h.failingSince >= FAILING_FOR_MS) &&
    pending.length > 0;
  const overdue = pending
    .filter((p) => p.deadlineAt !== undefined && p.deadlineAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt)[0];
  if (failing) {
    const n = h.failuresInARow;
    return {
      kind: 'failing',
      since: h.failingSince!,
      reason: `${n} failed attempt${n === 1 ? '' : 's'} in a row; last: ${h.lastFailureReason ?? 'unknown error'}`,
      advice: ALARM_ADVICE,
      ...(overdue?.incidentId ? { incidentId: overdue.incidentId } : {}),
    };
  }
  if (overdue) {
    const last = h.lastFailureReason && h.failingSince !== undefined ? `; last: ${h.lastFailureReason}` : '';
    return {
      kind: 'overdue',
      since: overdue.createdAt,
      reason: `not delivered within the playbook's deadline${last}`,
      advice: ALARM_ADVICE,
      ...(overdue.incidentId ? { incidentId: overdue.incidentId } : {}),
    };
  }
  return undefined;
}

/** The health with its alarm for `now`. */
export function evaluate(h: ChannelHealth, pending: readonly PendingPost[], now: EpochMs): ChannelHealth {
  const { alarm: _a, ...rest } = h;
  const alarm = alarmOf(h, pending, now);
  return alarm ? { ...rest, alarm } : rest;
}

/** The next instant the alarm can change with time alone (a run reaching FAILING_FOR_MS, a deadline passing). */
export function nextAlarmChangeAt(
  h: ChannelHealth,
  pending: readonly PendingPost[],
  now: EpochMs,
): EpochMs | undefined {
  const at = [
    ...(h.failingSince !== undefined && pending.length ? [h.failingSince + FAILING_FOR_MS] : []),
    ...pending.flatMap((p) => (p.deadlineAt === undefined ? [] : [p.deadlineAt])),
  ].filter((t) => t > now);
  return at.length ? Math.min(...at) : undefined;
}
