import { describe, expect, it } from 'vitest';
import type { ChatMessage, HealthSample, IncidentId } from '../../types';
import type { IncidentEffect } from '../incident';
import { createDetectionPipeline, initialPipelineState, resolveDetectionConfig, stepPipeline } from './pipeline';
import { sample, T0 } from './test-support';
import type { DetectorReport } from './types';

const msg = (sec: number, author: string, text: string): ChatMessage => ({
  id: `${author}-${sec}`,
  author,
  text,
  ts: T0 + sec * 1000,
});
const describeEffect = (sec: number, e: IncidentEffect) =>
  e.type === 'error'
    ? `${sec}:error`
    : e.type === 'recovery-proposed'
      ? `${sec}:recovery-proposed`
      : `${sec}:${e.type}:${e.incident.kind}:${e.incident.detectedBy}`;

describe('detection pipeline', () => {
  it('audio loss: signal opens the incident in 3 s, chat merges into it, recovery is proposed after the hold', () => {
    const p = createDetectionPipeline();
    const log: string[] = [];
    const complaints: Record<number, ChatMessage> = {
      14: msg(14, 'giulia', 'non si sente'),
      15: msg(15, 'mark', 'no audio??'),
      16: msg(16, 'paolo', 'AUDIOOO'),
    };
    for (let t = 0; t < 60; t++) {
      p.tick(T0 + t * 1000).forEach((e) => log.push(describeEffect(t, e)));
      const lost = t >= 10 && t < 30;
      p.health(sample(t, lost ? { audioLevelDb: -90, audioPacketsPerSec: 0 } : {})).forEach((e) =>
        log.push(describeEffect(t, e)),
      );
      if (complaints[t]) p.chat(complaints[t]).forEach((e) => log.push(describeEffect(t, e)));
    }
    expect(log).toEqual([
      '13:incident-opened:audio:signal',
      '16:incident-updated:audio:both',
      '40:recovery-proposed',
      '40:incident-updated:audio:both',
    ]);
    expect(p.incidents()).toHaveLength(1);
  });

  it('chat only: three viewers complaining open a chat incident', () => {
    const p = createDetectionPipeline();
    const effects = [msg(1, 'a', 'kein Ton'), msg(2, 'b', 'no se escucha'), msg(3, 'c', "on n'entend rien")].flatMap(
      (m) => p.chat(m),
    );
    expect(effects.map((e) => describeEffect(3, e))).toEqual(['3:incident-opened:audio:chat']);
  });

  it('source went quiet: ticks open a stream incident when samples stop', () => {
    const p = createDetectionPipeline();
    const log: string[] = [];
    for (let t = 0; t < 20; t++) {
      p.tick(T0 + t * 1000).forEach((e) => log.push(describeEffect(t, e)));
      if (t < 8) p.health(sample(t));
    }
    expect(log).toEqual(['12:incident-opened:stream:signal']);
  });

  it('audio and video problems at once give two incidents; operators act through the same pipeline', () => {
    const p = createDetectionPipeline();
    for (let t = 0; t < 20; t++) p.health(sample(t, t >= 5 ? { audioPacketsPerSec: 0, videoFps: 0 } : {}));
    expect(p.incidents().map((i) => i.kind)).toEqual(['audio', 'video']);
    const [audio] = p.incidents();
    expect(
      p.operator({ type: 'acknowledge', incidentId: audio.id, operator: 'ada' }, T0 + 21_000).map((e) => e.type),
    ).toEqual(['incident-transitioned']);
    expect(
      p.operator({ type: 'acknowledge', incidentId: 'nope' as IncidentId, operator: 'ada' }, T0 + 22_000)[0],
    ).toMatchObject({ type: 'error', code: 'unknown-incident' });
  });

  it('thresholds are configurable per detector', () => {
    const p = createDetectionPipeline({ 'audio-silence': { holdMs: 8_000 }, incidents: { idPrefix: 'x-' } });
    for (let t = 0; t < 7; t++) expect(p.health(sample(t, { audioPacketsPerSec: 0 }))).toEqual([]);
    expect(p.health(sample(8, { audioPacketsPerSec: 0 }))[0]).toMatchObject({
      type: 'incident-opened',
      incident: { id: 'x-1' },
    });
  });

  it('the fold is pure: stepping from a kept state twice gives the same result', () => {
    const cfg = resolveDetectionConfig();
    let s = initialPipelineState(cfg);
    for (let t = 0; t < 5; t++)
      s = stepPipeline(s, { type: 'health', sample: sample(t, { audioPacketsPerSec: 0 }) }, T0 + t * 1000, cfg).state;
    const snapshot = JSON.stringify(s);
    const a = stepPipeline(s, { type: 'chat', message: msg(6, 'a', 'no audio') }, T0 + 6000, cfg);
    const b = stepPipeline(s, { type: 'chat', message: msg(6, 'a', 'no audio') }, T0 + 6000, cfg);
    expect(JSON.stringify(s)).toBe(snapshot);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('a quiet second costs no effects', () => {
    const p = createDetectionPipeline();
    expect(p.health(sample(0))).toEqual([]);
    expect(p.chat(msg(0, 'a', 'hello from Rome'))).toEqual([]);
    expect(p.tick(T0 + 1000)).toEqual([]);
  });
});

describe('detection pipeline: each named source on its own', () => {
  const at = (ms: number) => T0 + ms;
  /** OBS: meters four times a second, the stream online; no program level. */
  const obs = (ms: number, micDb: number): HealthSample => ({
    ts: at(ms),
    source: 'obs',
    streamState: 'online',
    inputs: [{ name: 'Mic/Aux', levelDb: micDb }],
  });
  /** The program probe: the level the audience hears, once a second. */
  const probe = (ms: number, levelDb: number): HealthSample => ({ ts: at(ms), source: 'probe', audioLevelDb: levelDb });

  /** Feeds OBS every 250 ms and the probe every second over [fromMs, toMs); returns every step. */
  function feed(
    p: ReturnType<typeof createDetectionPipeline>,
    fromMs: number,
    toMs: number,
    micDb: (ms: number) => number | null,
    programDb: (ms: number) => number | null,
  ) {
    const steps = [];
    for (let ms = fromMs; ms < toMs; ms += 250) {
      steps.push(p.push({ type: 'tick' }, at(ms)));
      const mic = micDb(ms);
      if (mic !== null) steps.push(p.push({ type: 'health', sample: obs(ms, mic) }, at(ms)));
      const program = ms % 1000 === 0 ? programDb(ms) : null;
      if (program !== null) steps.push(p.push({ type: 'health', sample: probe(ms, program) }, at(ms)));
    }
    return {
      reports: steps.flatMap((s) => s.reports),
      effects: steps.flatMap((s) => s.effects),
    };
  }
  const findings = (reports: readonly DetectorReport[]) =>
    reports.flatMap((r) => (r.type === 'finding' ? [r.finding] : []));

  it('keeps separate hold timers: the probe hears silence while OBS, at the same times, sends only its meters', () => {
    const p = createDetectionPipeline();
    const r = feed(
      p,
      0,
      20_000,
      () => -20,
      (ms) => (ms >= 10_000 ? -120 : -20),
    );
    expect(findings(r.reports).map((f) => [f.detector, f.from, f.at - T0, f.startedAt - T0])).toEqual([
      ['audio-silence', 'probe', 13_000, 10_000],
    ]);
    expect(findings(r.reports)[0].evidence.every((e) => e.type !== 'sample' || e.from === 'probe')).toBe(true);
    expect(Object.keys(p.state.bySource).sort()).toEqual(['obs', 'probe']);
    expect(p.state.detectors).toBe(initialPipelineState(p.config).detectors);
  });

  it('two sources measuring the same signal at the same times do not break each other’s streak', () => {
    const named = createDetectionPipeline();
    const unnamed = createDetectionPipeline();
    const reports: DetectorReport[] = [];
    for (let t = 0; t < 20; t++) {
      const program = sample(t, { source: 'probe', audioLevelDb: t >= 5 ? -120 : -18 });
      const simulator = sample(t, { source: 'simulator' });
      for (const x of [simulator, program]) reports.push(...named.push({ type: 'health', sample: x }, x.ts).reports);
      // Without names the two would alternate silent / fine on one timer, which never fires.
      for (const { source: _, ...x } of [simulator, program]) unnamed.health(x);
    }
    expect(findings(reports).map((f) => [f.detector, f.from, f.at - T0])).toEqual([['audio-silence', 'probe', 8_000]]);
    expect(unnamed.incidents()).toEqual([]);
  });

  it('fuses both sources’ findings into one audio incident, with evidence from each', () => {
    const p = createDetectionPipeline();
    const r = feed(
      p,
      0,
      30_000,
      (ms) => (ms >= 20_000 ? -120 : -20),
      (ms) => (ms >= 10_000 ? -120 : -20),
    );
    expect(findings(r.reports).map((f) => [f.detector, f.from, f.at - T0])).toEqual([
      ['audio-silence', 'probe', 13_000],
      ['input-silence', 'obs', 20_750],
    ]);
    expect(r.effects.map((e) => e.type)).toEqual(['incident-opened', 'incident-updated']);
    const [incident, ...more] = p.incidents();
    expect(more).toEqual([]);
    expect(incident.detectors).toEqual(['audio-silence', 'input-silence']);
    const from = new Set(incident.evidence.map((e) => (e.type === 'sample' ? e.from : undefined)));
    expect([...from].sort()).toEqual(['obs', 'probe']);
    expect(incident.evidence).toContainEqual(expect.objectContaining({ from: 'obs', input: 'Mic/Aux', value: -120 }));
  });

  it('one source recovering does not propose recovery while the other still finds the problem', () => {
    const p = createDetectionPipeline();
    // Both silent from 2 s; the probe hears the program again at 10 s, OBS's mic only at 40 s.
    const r = feed(
      p,
      0,
      70_000,
      (ms) => (ms >= 2_000 && ms < 40_000 ? -120 : -20),
      (ms) => (ms >= 2_000 && ms < 10_000 ? -120 : -20),
    );
    const healthy = r.reports.flatMap((x) => (x.type === 'healthy' ? [[x.detector, x.from, x.since - T0]] : []));
    expect(healthy).toEqual([
      ['audio-silence', 'probe', 10_000],
      ['input-silence', 'obs', 40_000],
    ]);
    const proposed = r.effects.flatMap((e) => (e.type === 'recovery-proposed' ? [e.at - T0] : []));
    expect(proposed).toEqual([40_000 + p.config.incidents.recoveryHoldMs]);
  });

  it('ticks advance source-quiet per named source: the one that stops sending gets its own finding', () => {
    const p = createDetectionPipeline();
    const r = feed(
      p,
      0,
      20_000,
      () => -20,
      (ms) => (ms < 8_000 ? -20 : null),
    );
    const quiet = findings(r.reports);
    expect(quiet.map((f) => [f.detector, f.kind, f.from, f.startedAt - T0, f.at - T0])).toEqual([
      ['source-quiet', 'stream', 'probe', 7_000, 12_000],
    ]);
    expect(quiet[0].evidence).toMatchObject([{ metric: 'sampleGapMs', from: 'probe' }]);
    expect(r.effects.map((e) => e.type === 'incident-opened' && e.incident.kind)).toEqual(['stream']);
    // The probe is back: its own healthy report.
    const back = p.push({ type: 'health', sample: probe(20_000, -20) }, at(20_000)).reports;
    expect(back).toEqual([
      { type: 'healthy', kind: 'stream', detector: 'source-quiet', since: at(20_000), from: 'probe' },
    ]);
  });

  it('unnamed samples behave as before: one set of states, nothing stamped with a source', () => {
    const p = createDetectionPipeline();
    const initial = p.state.bySource;
    const reports: DetectorReport[] = [];
    for (let t = 0; t < 30; t++) {
      reports.push(...p.push({ type: 'tick' }, T0 + t * 1000).reports);
      reports.push(
        ...p.push(
          { type: 'health', sample: sample(t, t >= 10 && t < 15 ? { audioPacketsPerSec: 0 } : {}) },
          T0 + t * 1000,
        ).reports,
      );
    }
    expect(reports.map((r) => `${r.type}:${r.type === 'finding' ? r.finding.detector : r.detector}`)).toEqual([
      'finding:audio-silence',
      'healthy:audio-silence',
    ]);
    expect(reports.every((r) => !('from' in r) && (r.type !== 'finding' || !('from' in r.finding)))).toBe(true);
    expect(p.incidents()[0].evidence.every((e) => !('from' in e))).toBe(true);
    expect(p.state.bySource).toBe(initial);
  });
});
