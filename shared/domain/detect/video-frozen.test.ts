import { describe, expect, it } from 'vitest';
import { fold, seconds } from './test-support';
import { initialVideoFrozen, stepVideoFrozen } from './video-frozen';

const run = (xs: Parameters<typeof fold>[2]) => fold((s, x, now) => stepVideoFrozen(s, x, now), initialVideoFrozen, xs);

describe('video-frozen detector', () => {
  it('fires 3 s after the frame rate drops to ~0 while online', () => {
    const r = run([...seconds(0, 5), ...seconds(5, 20, { videoFps: 0.2 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([8]);
    const f = r.findings[0].report;
    expect(f.type === 'finding' && f.finding).toMatchObject({
      kind: 'video',
      source: 'signal',
      detector: 'video-frozen',
    });
  });

  it('does not fire while the stream is offline (stream-offline owns that)', () => {
    expect(run(seconds(0, 20, { streamState: 'offline', videoFps: 0 })).findings).toHaveLength(0);
  });

  it('does not fire on a 2 s stall', () => {
    expect(run([...seconds(0, 5), ...seconds(5, 7, { videoFps: 0 }), ...seconds(7, 20)]).findings).toHaveLength(0);
  });

  it('reports healthy 2 s after the picture moves again', () => {
    const r = run([...seconds(0, 10, { videoFps: 0 }), ...seconds(10, 20)]);
    expect(r.healthy.map((f) => f.sec)).toEqual([12]);
  });
});
