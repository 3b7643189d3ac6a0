import { describe, expect, it } from 'vitest';
import { LAG_ALLOWANCE_MS, observe, sessionNow, startAnchor } from './session-time';

const WALL = 1_700_000_000_000;

describe('session time', () => {
  it('is the wall clock for a real-time source, whatever the anchor says', () => {
    const anchor = startAnchor(WALL - 5000, WALL);
    expect(sessionNow(anchor, WALL + 1234, 1)).toBe(WALL + 1234);
  });

  it('is the wall clock before anything anchored it', () => {
    expect(sessionNow(null, WALL, 30)).toBe(WALL);
  });

  it('stands still during the lag allowance, then runs at the playback speed', () => {
    const anchor = observe(startAnchor(1_000_000, WALL), 1_060_000, WALL);
    expect(sessionNow(anchor, WALL, 30)).toBe(1_060_000);
    expect(sessionNow(anchor, WALL + LAG_ALLOWANCE_MS, 30)).toBe(1_060_000); // batching lag is not silence
    expect(sessionNow(anchor, WALL + LAG_ALLOWANCE_MS + 1000, 30)).toBe(1_060_000 + 30_000);
    expect(sessionNow(anchor, WALL + LAG_ALLOWANCE_MS + 10, 10)).toBe(1_060_000 + 100);
  });

  it('re-anchors on newer data and ignores older data', () => {
    const a = observe(null, 1_060_000, WALL);
    expect(a).toEqual({ ts: 1_060_000, wall: WALL });
    const later = observe(a, 1_061_000, WALL + 100);
    expect(later).toEqual({ ts: 1_061_000, wall: WALL + 100 });
    expect(observe(later, 1_050_000, WALL + 200)).toBe(later); // older data never moves the clock back
    expect(observe(later, 1_061_000, WALL + 300)).toEqual({ ts: 1_061_000, wall: WALL + 300 });
  });

  it('rounds to whole milliseconds', () => {
    const anchor = startAnchor(0, 0);
    expect(sessionNow(anchor, LAG_ALLOWANCE_MS + 1, 2.5)).toBe(3);
  });
});
