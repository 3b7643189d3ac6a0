import { describe, expect, it } from 'vitest';
import type { HealthSample } from '../../types';
import { pictureFaultDetector, stepPictureFault } from './picture-fault';
import { fold, T0 } from './test-support';

const CFG = pictureFaultDetector.defaults;
const run = (samples: readonly HealthSample[], cfg = CFG) =>
  fold((s, x, now) => stepPictureFault(s, x, now, cfg), pictureFaultDetector.initial, samples);

/** The program probe: one sample a second for [from, to), hearing the program at −20 dBFS. */
function probe(from: number, to: number, over: (sec: number) => Partial<HealthSample> = () => ({})): HealthSample[] {
  return Array.from({ length: to - from }, (_, i) => ({
    ts: T0 + (from + i) * 1000,
    audioLevelDb: -20,
    ...over(from + i),
  }));
}
const blackSince = (sec: number) => () => ({ blackSince: T0 + sec * 1000 });
const frozenSince = (sec: number) => () => ({ frozenSince: T0 + sec * 1000 });

const findingsOf = (r: ReturnType<typeof run>) =>
  r.findings.flatMap((f) => (f.report.type === 'finding' ? [f.report.finding] : []));
const healthyOf = (r: ReturnType<typeof run>) =>
  r.healthy.flatMap((f) => (f.report.type === 'healthy' ? [{ sec: f.sec, since: f.report.since }] : []));

describe('picture-fault detector', () => {
  it('a black picture fires once it has lasted 2 s, starting when it went black', () => {
    const r = run([...probe(0, 10), ...probe(10, 20, blackSince(10))]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'video',
      source: 'signal',
      detector: 'picture-fault',
      startedAt: T0 + 10_000,
      at: T0 + 12_000,
    });
    expect(f.title).toContain('Black');
    expect(f.evidence).toEqual([
      { type: 'sample', ts: T0 + 12_000, detector: 'picture-fault', metric: 'blackMs', value: 2_000 },
    ]);
  });

  it('a black picture that freezedetect also calls frozen is a black screen, on the black hold', () => {
    const both = (sec: number) => ({ blackSince: T0 + 10_000, ...(sec >= 11 ? { frozenSince: T0 + 10_000 } : {}) });
    const [f, ...more] = findingsOf(run([...probe(0, 10), ...probe(10, 20, both)]));
    expect(more).toEqual([]);
    expect(f).toMatchObject({ startedAt: T0 + 10_000, at: T0 + 12_000 });
    expect(f!.title).toContain('Black');
  });

  it('a black picture the probe reports late fires at once, from when it went black', () => {
    const r = run([...probe(0, 10), ...probe(10, 12, blackSince(5))]);
    expect(findingsOf(r)).toMatchObject([{ startedAt: T0 + 5_000, at: T0 + 10_000 }]);
  });

  it('a fade to black shorter than 2 s does not fire', () => {
    const r = run([...probe(0, 10), ...probe(10, 12, blackSince(10)), ...probe(12, 30)]);
    expect(r.fired).toEqual([]);
  });

  it('a frozen picture fires at once (freezedetect held it already), starting when it froze', () => {
    const r = run([...probe(0, 20), ...probe(20, 30, frozenSince(17))]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ startedAt: T0 + 17_000, at: T0 + 20_000 });
    expect(f.title).toContain('frozen');
    expect(f.evidence).toMatchObject([{ ts: T0 + 20_000, metric: 'frozenMs', value: 3_000 }]);
  });

  it('clears after clearMs of good samples, since the first good one; a bad one in between starts over', () => {
    const r = run([
      ...probe(0, 5, frozenSince(0)),
      ...probe(5, 6), // one good sample: not yet clear
      ...probe(6, 7, frozenSince(6)),
      ...probe(7, 15),
    ]);
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([0]);
    expect(healthyOf(r)).toEqual([{ sec: 7 + CFG.clearMs / 1000, since: T0 + 7_000 }]);
  });

  it('fires again on a new fault after the healthy report', () => {
    const r = run([...probe(0, 5, frozenSince(0)), ...probe(5, 10), ...probe(10, 15, blackSince(10))]);
    expect(findingsOf(r).map((f) => [f.at - T0, f.title.startsWith('Black')])).toEqual([
      [0, false],
      [12_000, true],
    ]);
    expect(healthyOf(r).map((h) => h.sec)).toEqual([6]);
  });

  it('a frozen picture that turns black is still a fault: no healthy report while the black is young', () => {
    const r = run([...probe(0, 10, frozenSince(0)), ...probe(10, 20, blackSince(10))]);
    expect(findingsOf(r)).toHaveLength(1);
    expect(r.healthy).toEqual([]);
  });

  it('an audio-only probe (never black or frozen) never fires, and its samples change nothing', () => {
    const r = run(probe(0, 600));
    expect(r.fired).toEqual([]);
    expect(r.state).toBe(pictureFaultDetector.initial);
  });

  it('does not judge the picture while the stream is offline (stream-offline owns that)', () => {
    expect(run(probe(0, 30, () => ({ streamState: 'offline', blackSince: T0 }))).fired).toEqual([]);
  });
});
