import { describe, expect, it } from 'vitest';
import type { SourceHello } from '../../../../shared/types';
import { checkHello, checkTimestamp, TIME_WINDOW, timelineOf } from './time-window';

const R = 1_700_000_000_000; // the receive time
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const hello = (h: Partial<SourceHello> = {}): SourceHello => ({
  source: 'sim',
  eventName: 'Launch',
  startedAt: R,
  speed: 1,
  ...h,
});

describe('a session time window', () => {
  it('at real time: a day before the start to two minutes past the receive time', () => {
    const t = timelineOf(hello({ startedAt: R - 60 * MIN }), R);
    expect(TIME_WINDOW.aheadMs).toBe(2 * MIN);
    expect(checkTimestamp(t, R - 60 * MIN - DAY, R)).toBeNull();
    expect(checkTimestamp(t, R - 60 * MIN - DAY - 1, R)).toMatch(/^ts: .* before the session started/);
    expect(checkTimestamp(t, R + 2 * MIN, R)).toBeNull();
    expect(checkTimestamp(t, R + 2 * MIN + 1, R)).toMatch(/^ts: .* ahead of the session's time line/);
    expect(checkTimestamp(t, R + DAY, R)).toMatch(/24 h ahead/);
    expect(checkTimestamp(t, 8_640_000_000_000_000, R)).not.toBeNull();
    // The window follows the receive clock: a minute later, a minute more.
    expect(checkTimestamp(t, R + 3 * MIN, R + MIN)).toBeNull();
  });

  it('at 60×: follows the compressed time line from the hello, with the allowance times the speed', () => {
    const t = timelineOf(hello({ speed: 60 }), R);
    // Ten wall seconds after the hello the source is ten minutes into its run.
    expect(checkTimestamp(t, R + 10 * MIN, R + 10_000)).toBeNull();
    expect(checkTimestamp(t, R + 10 * MIN + 120 * MIN, R + 10_000)).toBeNull();
    expect(checkTimestamp(t, R + 10 * MIN + 120 * MIN + 1, R + 10_000, 'endedAt')).toMatch(/^endedAt: .*speed 60/);
  });

  it("is pinned to the hello's `now` when Onair joins a fast run midway", () => {
    const at = timelineOf(hello({ speed: 20, now: R + 6 * 60 * MIN }), R);
    const from = timelineOf(hello({ speed: 20 }), R);
    const ts = R + 6 * 60 * MIN + 1000;
    expect(checkTimestamp(at, ts, R)).toBeNull();
    expect(checkTimestamp(from, ts, R)).not.toBeNull();
  });
});

describe('a hello', () => {
  it('at real time: started at most a week ago, and not in the future', () => {
    expect(checkHello(hello(), R)).toBeNull();
    expect(checkHello(hello({ startedAt: R - 7 * DAY }), R)).toBeNull();
    expect(checkHello(hello({ startedAt: R - 7 * DAY - 1 }), R)).toMatch(/^startedAt: .* ago/);
    expect(checkHello(hello({ startedAt: R + 2 * MIN }), R)).toBeNull();
    expect(checkHello(hello({ startedAt: 8_640_000_000_000_000 }), R)).toMatch(/^startedAt: .* in the future/);
    expect(checkHello(hello({ now: R + DAY }), R)).toMatch(/^now: /);
  });

  it('a fast source may lead the wall clock (looping at 60× for hours), by a year at most', () => {
    expect(checkHello(hello({ speed: 60, startedAt: R + 3 * DAY }), R)).toBeNull();
    expect(checkHello(hello({ speed: 60, startedAt: R + 367 * DAY }), R)).toMatch(/in the future/);
    expect(checkHello(hello({ speed: 60, startedAt: R + 3 * DAY, now: R + 3 * DAY + 5 * MIN }), R)).toBeNull();
  });

  it('checks its `now` and its scripted faults against its start', () => {
    expect(checkHello(hello({ now: R - 1 }), R)).toMatch(/^now: .* before startedAt/);
    const truth = (startTs: number, endTs: number) => hello({ truth: [{ kind: 'audio-loss', startTs, endTs }] });
    expect(checkHello(truth(R + 10_000, R + 20_000), R)).toBeNull();
    expect(checkHello(truth(R + 10_000, 8_640_000_000_000_000), R)).toMatch(/^truth\.0\.endTs: /);
    expect(checkHello(truth(0, R), R)).toMatch(/^truth\.0\.startTs: /);
  });
});
