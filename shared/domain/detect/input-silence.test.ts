import { describe, expect, it } from 'vitest';
import type { HealthSample, InputLevel, StreamState } from '../../types';
import { inputSilenceDetector, stepInputSilence } from './input-silence';
import { fold, sample, T0 } from './test-support';

const CFG = inputSilenceDetector.defaults;
const run = (samples: readonly HealthSample[], cfg = CFG) =>
  fold((s, x, now) => stepInputSilence(s, x, now, cfg), inputSilenceDetector.initial, samples);

const VOICE = -20;
const ROOM_FLOOR = -55;
const DEAD = -120;
/** OBS sends its meters four times a second. */
const EVERY_MS = 250;

const mic = (levelDb: number, over: Partial<InputLevel> = {}): InputLevel => ({ name: 'Mic/Aux', levelDb, ...over });
const guest = (levelDb: number, over: Partial<InputLevel> = {}): InputLevel => ({ name: 'Guest', levelDb, ...over });

/** OBS readings every 250 ms for [fromMs, toMs) after T0, on air unless told otherwise. */
function readings(
  fromMs: number,
  toMs: number,
  inputs: InputLevel[],
  streamState: StreamState | undefined = 'online',
): HealthSample[] {
  const out: HealthSample[] = [];
  for (let ms = fromMs; ms < toMs; ms += EVERY_MS)
    out.push({ ts: T0 + ms, ...(streamState ? { streamState } : {}), inputs });
  return out;
}

const findingsOf = (r: ReturnType<typeof run>) =>
  r.findings.flatMap((f) => (f.report.type === 'finding' ? [{ sec: f.sec, ...f.report.finding }] : []));
const healthyOf = (r: ReturnType<typeof run>) =>
  r.healthy.flatMap((f) => (f.report.type === 'healthy' ? [{ sec: f.sec, since: f.report.since }] : []));

describe('input-silence detector', () => {
  it('digital zero on a watched input fires within the hold, from the first silent reading, naming the input', () => {
    const r = run([...readings(0, 5_000, [mic(VOICE)]), ...readings(5_000, 9_000, [mic(DEAD)])]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'audio',
      source: 'signal',
      detector: 'input-silence',
      startedAt: T0 + 5_000,
      at: T0 + 5_000 + CFG.holdMs,
    });
    expect(f.at - f.startedAt).toBeLessThanOrEqual(CFG.holdMs);
    expect(f.title).toContain('Mic/Aux');
    expect(f.confidence).toBeGreaterThanOrEqual(0.9);
    expect(f.evidence).toEqual([
      {
        type: 'sample',
        ts: T0 + 5_000,
        detector: 'input-silence',
        metric: 'inputLevelDb',
        value: DEAD,
        input: 'Mic/Aux',
      },
      {
        type: 'sample',
        ts: T0 + 5_000 + CFG.holdMs,
        detector: 'input-silence',
        metric: 'inputLevelDb',
        value: DEAD,
        input: 'Mic/Aux',
      },
    ]);
  });

  it('does not fire on digital zero shorter than the hold (three readings)', () => {
    const r = run([
      ...readings(0, 2_000, [mic(VOICE)]),
      ...readings(2_000, 2_750, [mic(DEAD)]),
      ...readings(2_750, 6_000, [mic(VOICE)]),
    ]);
    expect(r.fired).toEqual([]);
  });

  it("a speaker's pause at the room's floor (−55 dBFS) does not fire in 10 s; 16 s does, on the shallow hold", () => {
    const pause = (ms: number) => [
      ...readings(0, 5_000, [mic(VOICE)]),
      ...readings(5_000, 5_000 + ms, [mic(ROOM_FLOOR)]),
      ...readings(5_000 + ms, 10_000 + ms, [mic(VOICE)]),
    ];
    expect(run(pause(10_000)).fired).toEqual([]);
    const [f, ...more] = findingsOf(run(pause(16_000)));
    expect(more).toEqual([]);
    expect(f).toMatchObject({ startedAt: T0 + 5_000, at: T0 + 5_000 + CFG.shallowHoldMs });
    expect(f.confidence).toBeLessThan(0.9);
    expect(f.title).toContain('near-silent');
  });

  it('a quiet speaker well above the floor never counts', () => {
    expect(run(readings(0, 60_000, [mic(-38)])).fired).toEqual([]);
  });

  it('a pause that ends in a dead input fires on the short hold, from when the input died', () => {
    const r = run([
      ...readings(0, 2_000, [mic(VOICE)]),
      ...readings(2_000, 5_000, [mic(ROOM_FLOOR)]),
      ...readings(5_000, 8_000, [mic(DEAD)]),
    ]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ startedAt: T0 + 5_000, at: T0 + 5_000 + CFG.holdMs, confidence: 0.9 });
    expect(f.evidence[0]).toMatchObject({ ts: T0 + 5_000, value: DEAD, input: 'Mic/Aux' });
  });

  it('a dead input that picks up a little noise is still on the shallow clock from the start of the silence', () => {
    const r = run([
      ...readings(0, 500, [mic(DEAD)]),
      ...readings(500, 20_000, [mic(-70)]),
      ...readings(20_000, 22_000, [mic(VOICE)]),
    ]);
    expect(findingsOf(r)).toMatchObject([{ startedAt: T0, at: T0 + CFG.shallowHoldMs }]);
  });

  it('a muted input never fires input-silence (talking-while-muted watches those)', () => {
    const r = run([
      ...readings(0, 30_000, [mic(DEAD, { muted: true })]),
      ...readings(30_000, 60_000, [mic(ROOM_FLOOR, { muted: true, inputPeakDb: ROOM_FLOOR })]),
    ]);
    expect(r.fired).toEqual([]);
  });

  it.each<StreamState>(['offline', 'reconnecting'])('does not judge the inputs while the stream is %s', (state) => {
    expect(run(readings(0, 30_000, [mic(DEAD)], state)).fired).toEqual([]);
    // Back on air, the silence counts from the first reading on air.
    const r = run([...readings(0, 30_000, [mic(DEAD)], state), ...readings(30_000, 32_000, [mic(DEAD)])]);
    expect(findingsOf(r)).toMatchObject([{ startedAt: T0 + 30_000, at: T0 + 30_000 + CFG.holdMs }]);
  });

  it('judges a source that knows nothing of the stream (OBS as a virtual camera)', () => {
    expect(findingsOf(run(readings(0, 2_000, [mic(DEAD)], undefined)))).toMatchObject([{ at: T0 + CFG.holdMs }]);
  });

  it('two inputs: one dead while the other speaks fires for the dead one only; the second dying adds a finding', () => {
    const r = run([
      ...readings(0, 2_000, [mic(VOICE), guest(VOICE)]),
      ...readings(2_000, 10_000, [mic(DEAD), guest(VOICE)]),
      ...readings(10_000, 14_000, [mic(DEAD), guest(DEAD)]),
    ]);
    const fs = findingsOf(r);
    expect(fs.map((f) => [f.at - T0, f.startedAt - T0])).toEqual([
      [2_000 + CFG.holdMs, 2_000],
      [10_000 + CFG.holdMs, 10_000],
    ]);
    expect(fs[0].evidence.map((e) => e.type === 'sample' && e.input)).toEqual(['Mic/Aux', 'Mic/Aux']);
    expect(fs[1].evidence.map((e) => e.type === 'sample' && e.input)).toEqual(['Guest', 'Guest']);
    expect(fs[1].title).toContain('Guest');
    expect(r.healthy).toEqual([]);
  });

  it('reports healthy only once every input has been good again for clearMs, since the last one recovered', () => {
    const r = run([
      ...readings(0, 3_000, [mic(DEAD), guest(DEAD)]),
      ...readings(3_000, 6_000, [mic(VOICE), guest(DEAD)]), // the mic is back; the guest still silent
      ...readings(6_000, 6_500, [mic(VOICE), guest(VOICE)]),
      ...readings(6_500, 6_750, [mic(VOICE), guest(DEAD)]), // one bad reading restarts the guest's clear hold
      ...readings(6_750, 12_000, [mic(VOICE), guest(VOICE)]),
    ]);
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([CFG.holdMs, CFG.holdMs]);
    expect(healthyOf(r)).toEqual([{ sec: 7.75, since: T0 + 6_750 }]);
  });

  it('fires again on a new episode after the healthy report', () => {
    const r = run([
      ...readings(0, 2_000, [mic(DEAD)]),
      ...readings(2_000, 4_000, [mic(VOICE)]),
      ...readings(4_000, 6_000, [mic(DEAD)]),
    ]);
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([CFG.holdMs, 4_000 + CFG.holdMs]);
    expect(healthyOf(r)).toEqual([{ sec: 3, since: T0 + 2_000 }]);
  });

  it('muting a silent input that fired ends its silence', () => {
    const r = run([...readings(0, 2_000, [mic(DEAD)]), ...readings(2_000, 3_000, [mic(DEAD, { muted: true })])]);
    expect(healthyOf(r)).toEqual([{ sec: 2, since: T0 + 2_000 }]);
  });

  it('a gap longer than maxGapMs between readings breaks the streak', () => {
    const r = run([
      ...readings(0, 750, [mic(DEAD)]),
      ...readings(750 + CFG.maxGapMs + 250, 750 + CFG.maxGapMs + 1_000, [mic(DEAD)]),
    ]);
    expect(r.fired).toEqual([]);
  });

  it('an input missing from the readings for longer than maxGapMs starts a new streak when it comes back', () => {
    const r = run([
      ...readings(0, 10_000, [mic(ROOM_FLOOR), guest(VOICE)]),
      ...readings(10_000, 60_000, [guest(VOICE)]), // the mic's scene is off the program: no meter for it
      ...readings(60_000, 62_000, [mic(ROOM_FLOOR), guest(VOICE)]),
    ]);
    expect(r.fired).toEqual([]);
  });

  it('a panel: the guest who listens at the room floor while the host speaks is no incident', () => {
    const r = run(readings(0, 60_000, [mic(VOICE), guest(ROOM_FLOOR)]));
    expect(findingsOf(r)).toEqual([]);
  });

  it('a panel falls quiet: the long hold counts from when every input went quiet, not from the guest', () => {
    const r = run([
      ...readings(0, 30_000, [mic(VOICE), guest(ROOM_FLOOR)]),
      ...readings(30_000, 50_000, [mic(ROOM_FLOOR), guest(ROOM_FLOOR)]),
    ]);
    const found = findingsOf(r);
    expect(found.map((f) => f.title)).toEqual([
      expect.stringContaining('"Mic/Aux" near-silent'),
      expect.stringContaining('"Guest" near-silent'),
    ]);
    expect(found.every((f) => f.sec === 45)).toBe(true);
  });

  it('samples without inputs change nothing (the same state)', () => {
    const silent = run(readings(0, 500, [mic(DEAD)]));
    for (const x of [sample(1), { ts: T0 + 1_000, streamState: 'offline' as const }, { ts: T0 + 1_000, inputs: [] }]) {
      const r = stepInputSilence(silent.state, x, x.ts);
      expect(r.state).toBe(silent.state);
      expect(r.reports).toEqual([]);
    }
  });

  it('thresholds are tunable', () => {
    const cfg = { ...CFG, holdMs: 2_000 };
    expect(findingsOf(run(readings(0, 4_000, [mic(DEAD)]), cfg)).map((f) => f.at - T0)).toEqual([2_000]);
  });
});
