import { describe, expect, it } from 'vitest';
import { mediaClock } from './media-clock';

const T = 1_700_000_000_000;

describe('mediaClock', () => {
  it('stamps media read in real time when it was read', () => {
    const c = mediaClock();
    expect([0, 0.1, 0.2].map((pts, i) => c.stamp(pts, T + i * 100))).toEqual([T, T + 100, T + 200]);
    expect(c.ahead()).toBe(0);
  });

  it('stamps a burst read faster than real time back where it played, never in the future', () => {
    const c = mediaClock();
    // HLS at the start: three 2 s segments arrive at once, then the stream goes on in real time.
    const burst = Array.from({ length: 60 }, (_, i) => c.stamp(i / 10, T));
    expect(burst.every((ts) => ts <= T)).toBe(true);
    expect(c.ahead()).toBe(5900);
    // 6.0 s of media has been read by T: media second 6.0 plays at T + 100 ms, and so on.
    expect(c.stamp(6.0, T + 100)).toBe(T + 100);
    expect(c.stamp(8.0, T + 2100)).toBe(T + 2100);
    // A late segment (the network stalled 1.5 s): stamped when its media played, not when it arrived.
    expect(c.stamp(8.1, T + 3700)).toBe(T + 2200);
  });

  it('keeps stamps monotonic when the streams interleave out of order', () => {
    const c = mediaClock();
    const a = c.stamp(4.1, T);
    const b = c.stamp(4.0, T + 10); // the video frame of 4.0 after the audio of 4.1
    expect(b).toBeGreaterThanOrEqual(a);
  });

  it('starts a new time line when the media time jumps back (a discontinuity)', () => {
    const c = mediaClock();
    c.stamp(100, T);
    c.stamp(100.1, T + 100);
    expect(c.stamp(0, T + 200)).toBe(T + 200);
    expect(c.stamp(0.1, T + 300)).toBe(T + 300);
    expect(c.ahead()).toBe(0);
  });

  it('maps an earlier instant reported late (freezedetect after its 2 s hold) to when it played', () => {
    const c = mediaClock();
    expect(c.at(4, T)).toBe(T); // nothing learnt yet: now is the best it knows
    c.stamp(6, T + 6000);
    expect(c.at(4, T + 6000)).toBe(T + 4000);
    expect(c.at(9, T + 6000)).toBe(T + 6000); // never in the future
  });

  it('stamps whole milliseconds', () => {
    const c = mediaClock();
    c.stamp(0.1, T);
    expect(Number.isInteger(c.stamp(0.30000000000000004, T + 200))).toBe(true);
  });
});
