import { describe, expect, it } from 'vitest';
import { LATE_GRACE_MS, isPending, newEventProblem, sendTimeProblem, triage } from './announcements';

const T = 1_700_000_000_000;
const a = (id: string, sendAt: number, status: 'scheduled' | 'overdue' | 'sent' | 'cancelled' = 'scheduled') => ({
  id,
  sendAt,
  status,
});

describe('triage of the announcement queue', () => {
  it('sends what is due, waits for what is not, and names the next wake-up', () => {
    const r = triage([a('later', T + 5000), a('now', T), a('soonest', T + 1000)], T);
    expect(r).toEqual({ due: ['now'], overdue: [], nextAt: T + 1000 });
  });

  it('still sends a timer that fired a little late, in time order', () => {
    const r = triage([a('b', T - 10), a('a', T - LATE_GRACE_MS)], T);
    expect(r.due).toEqual(['a', 'b']);
    expect(r.overdue).toEqual([]);
  });

  it('never sends late without asking: past the grace it is overdue', () => {
    const r = triage([a('missed', T - LATE_GRACE_MS - 1), a('ok', T + 60_000)], T);
    expect(r).toEqual({ due: [], overdue: ['missed'], nextAt: T + 60_000 });
  });

  it('leaves sent, cancelled and already overdue ones alone', () => {
    const r = triage([a('s', T - 1, 'sent'), a('c', T - 1, 'cancelled'), a('o', T - 1e6, 'overdue')], T);
    expect(r).toEqual({ due: [], overdue: [] });
  });

  it('an empty queue has no wake-up', () => {
    expect(triage([], T).nextAt).toBeUndefined();
  });
});

describe('what can change', () => {
  it('only pending announcements', () => {
    expect(isPending('scheduled')).toBe(true);
    expect(isPending('overdue')).toBe(true);
    expect(isPending('sent')).toBe(false);
    expect(isPending('cancelled')).toBe(false);
  });

  it('refuses a send time already past the grace', () => {
    expect(sendTimeProblem(T - LATE_GRACE_MS - 1, T)).toMatch(/past/);
    expect(sendTimeProblem(T, T)).toBeUndefined();
    expect(sendTimeProblem(T + 1, T)).toBeUndefined();
  });

  it('a postponement needs a new date after it goes out; other kinds carry none', () => {
    const e = { start: T + 86_400_000, durationMinutes: 60, link: 'https://example.com/new' };
    expect(newEventProblem('postponed', T, e)).toBeUndefined();
    expect(newEventProblem('postponed', T)).toMatch(/needs/);
    expect(newEventProblem('postponed', T, { ...e, start: T })).toMatch(/after/);
    expect(newEventProblem('break', T, e)).toMatch(/only a postponement/);
    expect(newEventProblem('back', T)).toBeUndefined();
  });
});
