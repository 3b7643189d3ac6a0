import { describe, expect, it } from 'vitest';
import { fold, seconds } from './test-support';
import { initialVideoDegraded, stepVideoDegraded, VIDEO_DEGRADED_DEFAULTS } from './video-degraded';

const run = (xs: Parameters<typeof fold>[2], cfg = VIDEO_DEGRADED_DEFAULTS) =>
  fold((s, x, now) => stepVideoDegraded(s, x, now, cfg), initialVideoDegraded, xs);

describe('video-degraded detector', () => {
  it('fires after a 12 s hold when fps and bitrate collapse against the baseline', () => {
    const r = run([...seconds(0, 60), ...seconds(60, 90, { videoFps: 10, bitrateKbps: 700 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([72]);
    const f = r.findings[0].report;
    expect(f.type === 'finding' && f.finding).toMatchObject({ kind: 'video', detector: 'video-degraded' });
  });

  it('does not fire on a slow network that recovers within 10 s', () => {
    const r = run([...seconds(0, 60), ...seconds(60, 70, { videoFps: 9, bitrateKbps: 600 }), ...seconds(70, 120)]);
    expect(r.findings).toHaveLength(0);
  });

  it('judges against the session’s own baseline: 15 fps is normal for a screen-share session', () => {
    expect(run(seconds(0, 120, { videoFps: 15, bitrateKbps: 800 })).findings).toHaveLength(0);
    const r = run([
      ...seconds(0, 60, { videoFps: 15, bitrateKbps: 800 }),
      ...seconds(60, 90, { videoFps: 5, bitrateKbps: 800 }),
    ]);
    expect(r.findings.map((f) => f.sec)).toEqual([72]);
  });

  it('does not judge during warm-up, nor learn the fault into the baseline', () => {
    expect(run(seconds(0, 30, { videoFps: 8, bitrateKbps: 500 })).findings).toHaveLength(0);
    const long = run([...seconds(0, 30), ...seconds(30, 600, { videoFps: 10, bitrateKbps: 700 })]);
    expect(long.findings).toHaveLength(1);
    expect(long.state.hold.firing).toBe(true);
    expect(long.state.baseFps).toBeGreaterThan(29);
  });

  it('leaves a frozen picture to video-frozen, and recovers with a healthy report', () => {
    expect(run([...seconds(0, 60), ...seconds(60, 90, { videoFps: 0, bitrateKbps: 50 })]).findings).toHaveLength(0);
    const r = run([...seconds(0, 60), ...seconds(60, 80, { videoFps: 10 }), ...seconds(80, 90)]);
    expect(r.healthy.map((f) => f.sec)).toEqual([83]);
  });
});
