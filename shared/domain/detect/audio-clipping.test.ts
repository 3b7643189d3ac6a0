import { describe, expect, it } from 'vitest';
import { AUDIO_CLIPPING_DEFAULTS, initialAudioClipping, stepAudioClipping } from './audio-clipping';
import { fold, seconds } from './test-support';

const run = (xs: Parameters<typeof fold>[2], cfg = AUDIO_CLIPPING_DEFAULTS) =>
  fold((s, x, now) => stepAudioClipping(s, x, now, cfg), initialAudioClipping, xs);

describe('audio-clipping detector', () => {
  it('fires when the level stays at full scale for 4 s', () => {
    const r = run([...seconds(0, 5), ...seconds(5, 15, { audioLevelDb: -0.4 })]);
    expect(r.findings.map((f) => f.sec)).toEqual([9]);
    const f = r.findings[0].report;
    expect(f.type === 'finding' && f.finding).toMatchObject({ kind: 'audio', detector: 'audio-clipping' });
  });

  it('ignores short loud peaks', () => {
    const peaks = seconds(0, 60).map((x, i) => (i % 3 === 0 ? { ...x, audioLevelDb: -0.5 } : x));
    expect(run(peaks).findings).toHaveLength(0);
  });

  it('reports healthy once the gain is back to normal for 3 s', () => {
    const r = run([...seconds(0, 10, { audioLevelDb: 0 }), ...seconds(10, 20)]);
    expect(r.healthy.map((f) => f.sec)).toEqual([13]);
  });

  it('threshold is tunable', () => {
    expect(run(seconds(0, 20, { audioLevelDb: -3 })).findings).toHaveLength(0);
    expect(
      run(seconds(0, 20, { audioLevelDb: -3 }), { ...AUDIO_CLIPPING_DEFAULTS, clipDb: -3 }).findings.map((f) => f.sec),
    ).toEqual([4]);
  });
});
