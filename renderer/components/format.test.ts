import { describe, expect, it } from 'vitest';
import { failureMessage, formatDb, formatDuration, formatTime, isValidTime, percent } from './format';

/** What a source can send that passes "a non-negative integer" or worse: none of it is a date. */
const NOT_DATES = [
  8_640_000_000_000_001, // one past the last Date (year 275760)
  Number.MAX_SAFE_INTEGER,
  -8_640_000_000_000_001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e300,
];

describe('formatTime', () => {
  it('formats a real time in local time', () => {
    const t = new Date(2026, 10, 20, 14, 5, 9).getTime();
    expect(formatTime(t)).toBe('14:05:09');
    expect(formatTime(t, 'yyyy-MM-dd HH:mm')).toBe('2026-11-20 14:05');
  });

  it('formats the extremes a Date can hold, and times before 1970', () => {
    expect(formatTime(8.64e15)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(formatTime(-8.64e15)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(formatTime(-1)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(formatTime(0)).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it.each(NOT_DATES)('shows a placeholder of the same shape for %s, never throws', (ts) => {
    expect(isValidTime(ts)).toBe(false);
    expect(formatTime(ts)).toBe('--:--:--');
    expect(formatTime(ts, 'yyyy-MM-dd HH:mm')).toBe('---------- --:--');
  });

  it('shows a placeholder for values that are not numbers at all (a row read from an older or foreign store)', () => {
    for (const v of [null, undefined, '1700000000000', {}, [], 1n] as unknown as number[]) {
      expect(isValidTime(v)).toBe(false);
      expect(formatTime(v)).toBe('--:--:--');
    }
  });
});

describe('formatDuration and percent', () => {
  it('keep their formats for real values', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(-5000)).toBe('00:00');
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(percent(0.874)).toBe('87%');
  });

  it('never print NaN', () => {
    expect(formatDuration(Number.NaN)).toBe('--:--');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('00:00');
    expect(percent(Number.NaN)).toBe('—');
    expect(percent(undefined as unknown as number)).toBe('—');
  });
});

describe('failureMessage', () => {
  it('gives one bounded line for whatever a render threw', () => {
    expect(failureMessage(new RangeError('Invalid time value'))).toBe('Invalid time value');
    expect(failureMessage(new TypeError())).toBe('TypeError');
    expect(failureMessage('plain string')).toBe('plain string');
    expect(failureMessage(undefined)).toBe('undefined');
    expect(failureMessage(Object.create(null))).toBe('unknown error'); // String() of it throws
    expect(failureMessage({ toString: () => '' })).toBe('unknown error');
    const long = failureMessage(new Error('x'.repeat(2000)));
    expect(long).toHaveLength(301);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('formatDb', () => {
  it('prints a level to a tenth, with a real minus sign', () => {
    expect(formatDb(-18.46)).toBe('−18.5 dBFS');
    expect(formatDb(-120)).toBe('−120 dBFS');
    expect(formatDb(-0.01)).toBe('0 dBFS');
    expect(formatDb(Number.NaN)).toBe('— dBFS');
  });
});
