import { describe, expect, it } from 'vitest';
import type { HealthSample } from '../../types';
import { encoderStrainDetector, stepEncoderStrain } from './encoder-strain';
import { fold, seconds, T0 } from './test-support';

const CFG = encoderStrainDetector.defaults;
const run = (samples: readonly HealthSample[], cfg = CFG) =>
  fold((s, x, now) => stepEncoderStrain(s, x, now, cfg), encoderStrainDetector.initial, samples);

/** OBS streaming at 30 fps: one sample a second for [from, to), frame counts since the previous sample. */
function obs(from: number, to: number, over: Partial<HealthSample> = {}, everyMs = 1_000): HealthSample[] {
  const out: HealthSample[] = [];
  for (let ms = from * 1000; ms < to * 1000; ms += everyMs)
    out.push({
      ts: T0 + ms,
      streamState: 'online',
      congestion: 0.02,
      videoFps: 30,
      droppedFrames: 0,
      skippedFrames: 0,
      ...over,
    });
  return out;
}

const findingsOf = (r: ReturnType<typeof run>) =>
  r.findings.flatMap((f) => (f.report.type === 'finding' ? [f.report.finding] : []));

describe('encoder-strain detector', () => {
  it('congestion at or above 0.5 held for 5 s fires, from the first congested sample', () => {
    const r = run([...obs(0, 10), ...obs(10, 20, { congestion: 0.5 })]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'video',
      source: 'signal',
      detector: 'encoder-strain',
      startedAt: T0 + 10_000,
      at: T0 + 15_000,
    });
    expect(f.title).toContain('congested (50 %)');
    expect(f.evidence).toContainEqual({
      type: 'sample',
      ts: T0 + 10_000,
      detector: 'encoder-strain',
      metric: 'congestion',
      value: 0.5,
    });
  });

  it('congestion below the threshold never fires', () => {
    expect(run(obs(0, 120, { congestion: 0.45 })).fired).toEqual([]);
  });

  it('dropped + skipped frames at 10 % of the expected frames (videoFps × dt) held for 5 s fire', () => {
    const r = run([...obs(0, 10), ...obs(10, 20, { droppedFrames: 1, skippedFrames: 2 })]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ startedAt: T0 + 10_000, at: T0 + 15_000 });
    expect(f.title).toContain('3 in the last reading');
    expect(f.evidence.map((e) => e.type === 'sample' && e.metric)).toEqual([
      'congestion',
      'droppedFrames',
      'skippedFrames',
      'congestion',
      'droppedFrames',
      'skippedFrames',
    ]);
  });

  it('judges the share of frames over the time between samples (four samples a second)', () => {
    // 7.5 frames expected per 250 ms: one lost is 13 %.
    const r = run([...obs(0, 10, {}, 250), ...obs(10, 20, { skippedFrames: 1 }, 250)]);
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([15_000]);
  });

  it('fewer lost frames than that never fire', () => {
    expect(run(obs(0, 120, { skippedFrames: 2 })).fired).toEqual([]);
  });

  it('a single spike does not fire', () => {
    const r = run([
      ...obs(0, 10),
      ...obs(10, 11, { congestion: 1, droppedFrames: 30, skippedFrames: 30 }),
      ...obs(11, 30),
    ]);
    expect(r.fired).toEqual([]);
  });

  it('reports healthy after clearMs of good samples, since the first good one', () => {
    const r = run([...obs(0, 10, { congestion: 0.8 }), ...obs(10, 20)]);
    expect(r.findings.map((f) => f.sec)).toEqual([5]);
    expect(r.healthy.map((f) => f.report.type === 'healthy' && [f.sec, f.report.since])).toEqual([[15, T0 + 10_000]]);
  });

  it('judges render lag of OBS used as a virtual camera (no stream state): the audience sees the stutter', () => {
    const r = run(obs(0, 10, { streamState: undefined, congestion: undefined, skippedFrames: 6 }));
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([6_000]);
  });

  it('does not judge while the stream is offline or reconnecting', () => {
    expect(run(obs(0, 30, { streamState: 'offline', congestion: 1 })).fired).toEqual([]);
    expect(run(obs(0, 30, { streamState: 'reconnecting', congestion: 1, droppedFrames: 30 })).fired).toEqual([]);
  });

  it('ignores samples without congestion or skipped frames (the simulator, the probe): the same state', () => {
    const strained = run(obs(0, 3, { congestion: 0.9 }));
    const platform = seconds(3, 60, { droppedFrames: 30, videoFps: 1 });
    for (const x of platform) {
      const r = stepEncoderStrain(strained.state, x, x.ts);
      expect(r.state).toBe(strained.state);
      expect(r.reports).toEqual([]);
    }
    expect(run(seconds(0, 60, { droppedFrames: 30 })).fired).toEqual([]);
  });
});
