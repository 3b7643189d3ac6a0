import { describe, expect, it } from 'vitest';
import { AUDIO_SILENCE_DEFAULTS, initialAudioSilence, stepAudioSilence } from './audio-silence';
import { fold, sample, seconds, T0 } from './test-support';

const run = (samples: Parameters<typeof fold>[2], cfg = AUDIO_SILENCE_DEFAULTS) =>
  fold((s, x, now) => stepAudioSilence(s, x, now, cfg), initialAudioSilence, samples);

describe('audio-silence detector', () => {
  it('fires 3 s into digital silence with no packets, not on the first bad sample', () => {
    const r = run([...seconds(0, 10), ...seconds(10, 20, { audioLevelDb: -90, audioPacketsPerSec: 0 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([13]);
    const f = r.findings[0].report;
    expect(f.type === 'finding' && f.finding).toMatchObject({
      kind: 'audio',
      source: 'signal',
      detector: 'audio-silence',
      startedAt: T0 + 10_000,
    });
    expect(f.type === 'finding' && f.finding.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('fires on packets at zero even when the level reads normal (a stale meter)', () => {
    const r = run([...seconds(0, 5), ...seconds(5, 12, { audioPacketsPerSec: 0 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([8]);
  });

  it('does not fire on a single bad sample or a 2 s dropout', () => {
    const r = run([
      ...seconds(0, 5),
      sample(5, { audioLevelDb: -95, audioPacketsPerSec: 0 }),
      ...seconds(6, 10),
      ...seconds(10, 12, { audioPacketsPerSec: 0 }),
      ...seconds(12, 20),
    ]);
    expect(r.findings).toHaveLength(0);
  });

  it("does not fire on a presenter's 8 s pause at about −55 dBFS with packets flowing", () => {
    const pause = seconds(10, 18).map((x, i) => ({ ...x, audioLevelDb: -55 + (i % 3) - 1 }));
    expect(run([...seconds(0, 10), ...pause, ...seconds(18, 30)]).findings).toHaveLength(0);
  });

  it('never fires on a quiet speaker at −38 dBFS', () => {
    expect(run(seconds(0, 300, { audioLevelDb: -38 })).findings).toHaveLength(0);
  });

  it('fires on long shallow silence (−65 dBFS, packets flowing) only after the long hold', () => {
    const r = run([...seconds(0, 5), ...seconds(5, 30, { audioLevelDb: -65 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([5 + AUDIO_SILENCE_DEFAULTS.shallowHoldMs / 1000]);
  });

  it('does not judge audio while the stream is offline', () => {
    expect(
      run(seconds(0, 20, { streamState: 'offline', audioLevelDb: -120, audioPacketsPerSec: 0 })).findings,
    ).toHaveLength(0);
  });

  it('reports healthy after the clear hold, with `since` = first good sample, then can fire again', () => {
    const r = run([
      ...seconds(0, 10, { audioPacketsPerSec: 0 }),
      ...seconds(10, 11),
      sample(11, { audioPacketsPerSec: 0 }), // one bad sample resets the clear hold
      ...seconds(12, 20),
      ...seconds(20, 25, { audioPacketsPerSec: 0 }),
    ]);
    expect(r.findings.map((f) => f.sec)).toEqual([3, 23]);
    expect(r.healthy.map((f) => f.sec)).toEqual([14]);
    const h = r.healthy[0].report;
    expect(h.type === 'healthy' && h.since).toBe(T0 + 12_000);
  });

  it('a gap in the samples breaks the streak', () => {
    const r = run([
      sample(0, { audioPacketsPerSec: 0 }),
      sample(1, { audioPacketsPerSec: 0 }),
      sample(60, { audioPacketsPerSec: 0 }),
    ]);
    expect(r.findings).toHaveLength(0);
  });

  it('thresholds are tunable', () => {
    const cfg = { ...AUDIO_SILENCE_DEFAULTS, holdMs: 5_000 };
    expect(run(seconds(0, 10, { audioPacketsPerSec: 0 }), cfg).findings.map((f) => f.sec)).toEqual([5]);
  });
});
