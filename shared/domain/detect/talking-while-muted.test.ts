import { describe, expect, it } from 'vitest';
import type { HealthSample, InputLevel, StreamState } from '../../types';
import { stepTalkingWhileMuted, talkingWhileMutedDetector } from './talking-while-muted';
import { fold, sample, T0 } from './test-support';

const CFG = talkingWhileMutedDetector.defaults;
const run = (samples: readonly HealthSample[], cfg = CFG) =>
  fold((s, x, now) => stepTalkingWhileMuted(s, x, now, cfg), talkingWhileMutedDetector.initial, samples);

const VOICE = -20;
const ROOM = -65;
const EVERY_MS = 250;

/** The presenter's microphone: muted unless told otherwise; `peak` is the meter before the mute. */
const mic = (peak: number, over: Partial<InputLevel> = {}): InputLevel => ({
  name: 'Mic/Aux',
  levelDb: -120,
  inputPeakDb: peak,
  muted: true,
  ...over,
});

/** OBS readings every 250 ms for [fromMs, toMs); `inputs` may depend on the reading's time. */
function readings(
  fromMs: number,
  toMs: number,
  inputs: (ms: number) => InputLevel[],
  streamState: StreamState = 'online',
): HealthSample[] {
  const out: HealthSample[] = [];
  for (let ms = fromMs; ms < toMs; ms += EVERY_MS) out.push({ ts: T0 + ms, streamState, inputs: inputs(ms) });
  return out;
}
/** Speech: two voiced readings, then 500 ms between words (two quiet readings), over and over. */
const syllables =
  (over: Partial<InputLevel> = {}) =>
  (ms: number) => [mic(ms % 1_000 < 500 ? VOICE : ROOM, over)];
const quiet = () => [mic(ROOM)];

const findingsOf = (r: ReturnType<typeof run>) =>
  r.findings.flatMap((f) => (f.report.type === 'finding' ? [{ sec: f.sec, ...f.report.finding }] : []));
const healthyOf = (r: ReturnType<typeof run>) =>
  r.healthy.flatMap((f) => (f.report.type === 'healthy' ? [{ sec: f.sec, since: f.report.since }] : []));

describe('talking-while-muted detector', () => {
  it('a muted input that hears a voice in syllables fires after the hold, from the first voiced reading', () => {
    const r = run([...readings(0, 2_000, quiet), ...readings(2_000, 8_000, syllables())]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'audio',
      source: 'signal',
      detector: 'talking-while-muted',
      startedAt: T0 + 2_000,
      at: T0 + 2_000 + CFG.holdMs,
    });
    expect(f.title).toContain('Mic/Aux');
    expect(f.evidence).toEqual([
      { type: 'sample', ts: T0 + 2_000, detector: 'talking-while-muted', metric: 'muted', value: 1, input: 'Mic/Aux' },
      {
        type: 'sample',
        ts: T0 + 2_000,
        detector: 'talking-while-muted',
        metric: 'inputPeakDb',
        value: VOICE,
        input: 'Mic/Aux',
      },
      {
        type: 'sample',
        ts: T0 + 3_000,
        detector: 'talking-while-muted',
        metric: 'inputPeakDb',
        value: VOICE,
        input: 'Mic/Aux',
      },
    ]);
  });

  it('a single cough (one voiced reading) does not fire, nor do coughs seconds apart', () => {
    const cough = (at: number[]) => (ms: number) => [mic(at.includes(ms) ? VOICE : ROOM)];
    expect(run(readings(0, 10_000, cough([2_000]))).fired).toEqual([]);
    expect(run(readings(0, 10_000, cough([2_000, 4_000, 6_000, 8_000]))).fired).toEqual([]);
  });

  it('unmuting clears it: healthy on the first unmuted reading', () => {
    const r = run([
      ...readings(0, 4_000, syllables()),
      ...readings(4_000, 6_000, syllables({ muted: false, levelDb: VOICE })),
    ]);
    expect(findingsOf(r).map((f) => f.sec)).toEqual([1]);
    expect(healthyOf(r)).toEqual([{ sec: 4, since: T0 + 4_000 }]);
  });

  it('clears once the voice has stopped for clearMs, and not during a pause shorter than that', () => {
    const r = run([
      ...readings(0, 4_000, syllables()),
      ...readings(4_000, 6_000, quiet), // 2 s of thinking: still the same episode
      ...readings(6_000, 8_000, syllables()),
      ...readings(8_000, 14_000, quiet),
    ]);
    expect(findingsOf(r).map((f) => f.sec)).toEqual([1]);
    // The last voiced reading is at 7.25 s.
    expect(healthyOf(r).map((h) => h.sec)).toEqual([7.25 + CFG.clearMs / 1000]);
  });

  it('fires again when the presenter starts talking into the muted mic again later', () => {
    const r = run([
      ...readings(0, 3_000, syllables()),
      ...readings(3_000, 10_000, quiet),
      ...readings(10_000, 13_000, syllables()),
    ]);
    expect(findingsOf(r).map((f) => f.sec)).toEqual([1, 11]);
    expect(healthyOf(r)).toHaveLength(1);
  });

  it('never fires on an input that is not muted, or whose input peak the source does not give', () => {
    expect(run(readings(0, 30_000, syllables({ muted: false, levelDb: VOICE }))).fired).toEqual([]);
    expect(run(readings(0, 30_000, syllables({ muted: undefined, levelDb: VOICE }))).fired).toEqual([]);
    expect(run(readings(0, 30_000, () => [{ name: 'Mic/Aux', levelDb: -120, muted: true }])).fired).toEqual([]);
  });

  it('judges each input on its own', () => {
    const r = run(readings(0, 5_000, (ms) => [mic(ROOM, { name: 'Guest' }), ...syllables({ name: 'Host' })(ms)]));
    expect(findingsOf(r).map((f) => f.evidence.map((e) => e.type === 'sample' && e.input))).toEqual([
      ['Host', 'Host', 'Host'],
    ]);
  });

  it('does not judge while the stream is offline, and off air does not bridge a streak', () => {
    expect(run(readings(0, 30_000, syllables(), 'offline')).fired).toEqual([]);
    const r = run([
      ...readings(0, 500, syllables()),
      ...readings(500, 60_000, syllables(), 'offline'),
      ...readings(60_000, 60_500, syllables()),
    ]);
    expect(r.fired).toEqual([]);
  });

  it('a gap in the readings longer than the pause breaks the streak', () => {
    const r = run([
      { ts: T0, streamState: 'online', inputs: [mic(VOICE)] },
      { ts: T0 + 2_000, streamState: 'online', inputs: [mic(VOICE)] },
      { ts: T0 + 2_250, streamState: 'online', inputs: [mic(ROOM)] },
    ]);
    expect(r.fired).toEqual([]);
  });

  it('samples without inputs change nothing (the same state)', () => {
    const talking = run(readings(0, 500, syllables()));
    for (const x of [sample(1), { ts: T0 + 1_000, inputs: [] }]) {
      const r = stepTalkingWhileMuted(talking.state, x, x.ts);
      expect(r.state).toBe(talking.state);
      expect(r.reports).toEqual([]);
    }
  });
});
