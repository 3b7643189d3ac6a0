import { describe, expect, it } from 'vitest';
import {
  alarmOf,
  emptyHealth,
  evaluate,
  FAILING_FOR_MS,
  nextAlarmChangeAt,
  recordAttempt,
  type ChannelHealth,
} from './channel-health';

const T0 = 1_700_000_000_000;
const fail = (h: ChannelHealth, at: number, reason = 'HTTP 500') => recordAttempt(h, { ok: false, at, reason });
const waiting = [{ incidentId: 'inc-1', createdAt: T0, deadlineAt: T0 + 60_000 }];

describe('channel health rules', () => {
  it('a success after failures clears the run and keeps the last failure for Settings', () => {
    let h = fail(fail(emptyHealth('slack'), T0), T0 + 2000, 'HTTP 502');
    expect(h).toMatchObject({ failingSince: T0, failuresInARow: 2, lastFailureReason: 'HTTP 502', attempts: 2 });
    h = recordAttempt(h, { ok: true, at: T0 + 5000 });
    expect(h).toMatchObject({ lastSuccessAt: T0 + 5000, failuresInARow: 0, lastFailureAt: T0 + 2000, attempts: 3 });
    expect(h.failingSince).toBeUndefined();
  });

  it('alarms at the third failure in a row while a post is waiting', () => {
    let h = fail(fail(emptyHealth('discord'), T0), T0 + 2000);
    expect(alarmOf(h, waiting, T0 + 3000)).toBeUndefined();
    h = fail(h, T0 + 6000, 'HTTP 500 from peer');
    expect(alarmOf(h, waiting, T0 + 6000)).toMatchObject({
      kind: 'failing',
      since: T0,
      reason: '3 failed attempts in a row; last: HTTP 500 from peer',
    });
    // Skipped (nothing waits any more): no alarm.
    expect(alarmOf(h, [], T0 + 6000)).toBeUndefined();
  });

  it('alarms after failing for two minutes even with fewer attempts, and says when', () => {
    const h = fail(emptyHealth('webhook'), T0);
    const long = [{ createdAt: T0 }];
    expect(alarmOf(h, long, T0 + FAILING_FOR_MS - 1)).toBeUndefined();
    expect(nextAlarmChangeAt(h, long, T0 + 1000)).toBe(T0 + FAILING_FOR_MS);
    expect(alarmOf(h, long, T0 + FAILING_FOR_MS)?.kind).toBe('failing');
  });

  it('alarms when a post has not gone out within its deadline, though nothing failed', () => {
    const h = emptyHealth('teams');
    expect(nextAlarmChangeAt(h, waiting, T0)).toBe(T0 + 60_000);
    expect(evaluate(h, waiting, T0 + 59_999).alarm).toBeUndefined();
    expect(evaluate(h, waiting, T0 + 60_000).alarm).toMatchObject({ kind: 'overdue', since: T0, incidentId: 'inc-1' });
    expect(nextAlarmChangeAt(h, waiting, T0 + 60_000)).toBeUndefined();
  });
});
