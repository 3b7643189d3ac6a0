import { describe, expect, it } from 'vitest';
import type { HealthSample, StreamState } from '../../types';
import { stepStreamReconnecting, streamReconnectingDetector } from './stream-reconnecting';
import { fold, T0 } from './test-support';

const CFG = streamReconnectingDetector.defaults;
const run = (samples: readonly HealthSample[], cfg = CFG) =>
  fold((s, x, now) => stepStreamReconnecting(s, x, now, cfg), streamReconnectingDetector.initial, samples);

/** OBS samples every 250 ms for [fromMs, toMs) with the given stream state. */
function obs(fromMs: number, toMs: number, streamState: StreamState): HealthSample[] {
  const out: HealthSample[] = [];
  for (let ms = fromMs; ms < toMs; ms += 250) out.push({ ts: T0 + ms, streamState, congestion: 0 });
  return out;
}

const findingsOf = (r: ReturnType<typeof run>) =>
  r.findings.flatMap((f) => (f.report.type === 'finding' ? [f.report.finding] : []));
const healthyOf = (r: ReturnType<typeof run>) =>
  r.healthy.flatMap((f) => (f.report.type === 'healthy' ? [{ sec: f.sec, since: f.report.since }] : []));

describe('stream-reconnecting detector', () => {
  it('fires after 500 ms of reconnecting, from the first reconnecting sample', () => {
    const r = run([...obs(0, 2_000, 'online'), ...obs(2_000, 6_000, 'reconnecting')]);
    const [f, ...more] = findingsOf(r);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'stream',
      source: 'signal',
      detector: 'stream-reconnecting',
      startedAt: T0 + 2_000,
      at: T0 + 2_500,
      severity: 'high',
    });
    expect(f.evidence).toMatchObject([
      { type: 'sample', ts: T0 + 2_000, metric: 'streamState' },
      { type: 'sample', ts: T0 + 2_500, metric: 'streamState' },
    ]);
  });

  it('one 250 ms blip does not fire', () => {
    const r = run([...obs(0, 2_000, 'online'), ...obs(2_000, 2_250, 'reconnecting'), ...obs(2_250, 10_000, 'online')]);
    expect(r.fired).toEqual([]);
  });

  it('reports healthy once reconnected (online) for clearMs, since the first online sample', () => {
    const r = run([
      ...obs(0, 5_000, 'reconnecting'),
      ...obs(5_000, 6_000, 'online'),
      ...obs(6_000, 6_250, 'reconnecting'), // a second try before it holds: the clear hold starts over
      ...obs(6_250, 12_000, 'online'),
    ]);
    expect(findingsOf(r).map((f) => f.at - T0)).toEqual([500]);
    expect(healthyOf(r)).toEqual([{ sec: 6.25 + CFG.clearMs / 1000, since: T0 + 6_250 }]);
  });

  it('when OBS gives up (offline), reconnecting ends and stream-offline takes over', () => {
    const r = run([...obs(0, 5_000, 'reconnecting'), ...obs(5_000, 10_000, 'offline')]);
    expect(findingsOf(r)).toHaveLength(1);
    expect(healthyOf(r)).toEqual([{ sec: 5 + CFG.clearMs / 1000, since: T0 + 5_000 }]);
  });

  it('samples without a stream state change nothing (the same state)', () => {
    const reconnecting = run(obs(0, 250, 'reconnecting'));
    for (const x of [
      { ts: T0 + 500, audioLevelDb: -20 },
      { ts: T0 + 500, inputs: [{ name: 'Mic', levelDb: -20 }] },
    ]) {
      const r = stepStreamReconnecting(reconnecting.state, x, x.ts);
      expect(r.state).toBe(reconnecting.state);
      expect(r.reports).toEqual([]);
    }
    // …so the probe's samples in between do not break OBS's streak.
    const interleaved = obs(0, 1_000, 'reconnecting').flatMap((x) => [x, { ts: x.ts, audioLevelDb: -20 }]);
    expect(findingsOf(run(interleaved)).map((f) => f.at - T0)).toEqual([500]);
  });
});
