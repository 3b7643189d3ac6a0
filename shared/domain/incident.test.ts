import { describe, expect, it } from 'vitest';
import type { IncidentId } from '../types';
import type { Finding } from './detect/types';
import {
  awaitsCarryOverAnswer,
  carryOver,
  createIncidentsState,
  listIncidents,
  restoreIncidentsState,
  step,
  type Incident,
  type IncidentEffect,
  type IncidentInput,
  type IncidentsState,
} from './incident';
import type { IncidentKind } from './vocabulary';

const T0 = 1_700_000_000_000;
const at = (sec: number) => T0 + sec * 1000;

function finding(kind: IncidentKind, source: 'signal' | 'chat', sec: number, over: Partial<Finding> = {}): Finding {
  const detector =
    source === 'chat'
      ? 'chat-complaints'
      : kind === 'audio'
        ? 'audio-silence'
        : kind === 'video'
          ? 'video-frozen'
          : 'stream-offline';
  return {
    kind,
    source,
    detector,
    title: `${kind} via ${source}`,
    confidence: source === 'signal' ? 0.9 : 0.6,
    severity: 'medium',
    startedAt: at(sec - 3),
    at: at(sec),
    evidence:
      source === 'chat'
        ? [{ type: 'chat', ts: at(sec), detector, messageId: `m${sec}`, author: `viewer${sec}`, text: 'no audio' }]
        : [{ type: 'sample', ts: at(sec), detector, metric: 'audioLevelDb', value: -90 }],
    ...over,
  };
}

/** Runs inputs at the given seconds; returns the final state and every effect. */
function run(inputs: Array<[sec: number, input: IncidentInput]>, state: IncidentsState = createIncidentsState()) {
  let s = state;
  const effects: IncidentEffect[] = [];
  for (const [sec, input] of inputs) {
    const r = step(s, input, at(sec));
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects, incidents: listIncidents(s) };
}

const F = (f: Finding): IncidentInput => ({ type: 'finding', finding: f });
const op = (
  type: 'acknowledge' | 'investigate' | 'mitigate' | 'resolve' | 'false-alarm' | 'reopen',
  id: string,
  operator = 'ada',
  note?: string,
): IncidentInput => ({
  type,
  incidentId: id as IncidentId,
  operator,
  ...(note ? { note } : {}),
});
const healthy = (kind: IncidentKind, sec: number, detector?: Finding['detector']): IncidentInput => ({
  type: 'healthy',
  kind,
  since: at(sec),
  ...(detector ? { detector } : {}),
});
const tick: IncidentInput = { type: 'tick' };
const types = (effects: IncidentEffect[]) => effects.map((e) => e.type);

describe('incident engine: detection and fusion', () => {
  it('a signal finding opens one incident with a deterministic id and a detected transition', () => {
    const r = run([[10, F(finding('audio', 'signal', 10))]]);
    expect(types(r.effects)).toEqual(['incident-opened']);
    const i = r.incidents[0];
    expect(i).toMatchObject({
      id: 'inc-1',
      kind: 'audio',
      status: 'detected',
      detectedBy: 'signal',
      openedAt: at(10),
      firstEvidenceAt: at(7),
      confidence: 0.9,
    });
    expect(i.transitions).toEqual([
      { from: null, to: 'detected', at: at(10), operator: 'onair', note: 'audio via signal' },
    ]);
  });

  it('a chat finding of the same kind merges into the open incident and raises confidence above either alone', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [18, F(finding('audio', 'chat', 18))],
    ]);
    expect(r.incidents).toHaveLength(1);
    expect(types(r.effects)).toEqual(['incident-opened', 'incident-updated']);
    const i = r.incidents[0];
    expect(i.detectedBy).toBe('both');
    expect(i.confidence).toBeGreaterThan(0.9);
    expect(i.confidence).toBeCloseTo(1 - 0.1 * 0.4, 6);
    expect(i.evidence.map((e) => e.type)).toEqual(['sample', 'chat']);
    expect(i.detectors).toEqual(['audio-silence', 'chat-complaints']);
  });

  it('chat first, then signal: one incident, which takes the signal’s more precise title', () => {
    const r = run([
      [5, F(finding('audio', 'chat', 5))],
      [9, F(finding('audio', 'signal', 9, { title: 'Audio lost (no audio packets)' }))],
    ]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]).toMatchObject({
      detectedBy: 'both',
      title: 'Audio lost (no audio packets)',
      firstEvidenceAt: at(2),
    });
  });

  it('caps evidence, keeping the opening items and the newest', () => {
    const inputs: Array<[number, IncidentInput]> = Array.from({ length: 80 }, (_, k) => [
      10 + k,
      F(finding('audio', 'chat', 10 + k)),
    ]);
    const i = run(inputs).incidents[0];
    expect(i.evidence).toHaveLength(50);
    expect(i.evidence[0]).toMatchObject({ messageId: 'm10' });
    expect(i.evidence.at(-1)).toMatchObject({ messageId: 'm89' });
  });

  it('keeps two concurrent incidents of different kinds apart', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [12, F(finding('video', 'signal', 12))],
      [15, F(finding('video', 'chat', 15))],
      [16, F(finding('audio', 'chat', 16))],
    ]);
    expect(r.incidents.map((i) => [i.id, i.kind, i.detectedBy])).toEqual([
      ['inc-1', 'audio', 'both'],
      ['inc-2', 'video', 'both'],
    ]);
  });

  it('severity follows stream > audio > video > other, and rises with confidence and duration', () => {
    const low = { confidence: 0.5, severity: 'low' as const };
    const r = run([
      [10, F(finding('stream', 'chat', 10, low))],
      [10, F(finding('audio', 'chat', 10, low))],
      [10, F(finding('video', 'chat', 10, low))],
      [10, F(finding('other', 'chat', 10, low))],
    ]);
    expect(r.incidents.map((i) => i.severity)).toEqual(['high', 'medium', 'low', 'low']);
    const confident = run([[10, F(finding('audio', 'signal', 10, { confidence: 0.95 }))]]).incidents[0];
    expect(confident.severity).toBe('high');
    const long = run([
      [10, F(finding('audio', 'signal', 10, { confidence: 0.95 }))],
      [80, tick],
    ]);
    expect(long.incidents[0].severity).toBe('critical');
    expect(types(long.effects)).toEqual(['incident-opened', 'incident-updated']);
  });
});

describe('incident engine: lifecycle', () => {
  it('detected → acknowledged → investigating → mitigated → resolved, with who and when', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [20, op('acknowledge', 'inc-1', 'ada')],
      [30, op('investigate', 'inc-1', 'bob')],
      [40, op('mitigate', 'inc-1', 'bob')],
      [50, { type: 'resolve', incidentId: 'inc-1' as IncidentId, operator: 'ada', note: 'mixer fixed' }],
    ]);
    const i = r.incidents[0];
    expect(i.status).toBe('resolved');
    expect(i.resolvedAt).toBe(at(50));
    expect(i.transitions.map((t) => [t.from, t.to, t.operator, (t.at - T0) / 1000])).toEqual([
      [null, 'detected', 'onair', 10],
      ['detected', 'acknowledged', 'ada', 20],
      ['acknowledged', 'investigating', 'bob', 30],
      ['investigating', 'mitigated', 'bob', 40],
      ['mitigated', 'resolved', 'ada', 50],
    ]);
    expect(i.transitions.at(-1)?.note).toBe('mixer fixed');
    expect(types(r.effects)).toEqual(['incident-opened', ...Array(4).fill('incident-transitioned')]);
  });

  it('invalid transitions and unknown incidents return error effects and change nothing', () => {
    const opened = run([[10, F(finding('audio', 'signal', 10))]]);
    const bad = (input: IncidentInput) => step(opened.state, input, at(20));
    expect(bad(op('mitigate', 'inc-1')).effects).toEqual([
      {
        type: 'error',
        code: 'invalid-transition',
        message: 'cannot mitigate an incident that is detected',
        incidentId: 'inc-1',
      },
    ]);
    expect(bad(op('reopen', 'inc-1')).effects[0]).toMatchObject({ type: 'error', code: 'invalid-transition' });
    expect(bad(op('acknowledge', 'inc-9')).effects[0]).toMatchObject({ type: 'error', code: 'unknown-incident' });
    expect(bad(op('acknowledge', 'inc-1', '  ')).effects[0]).toMatchObject({ type: 'error', code: 'invalid-input' });
    expect(bad(op('mitigate', 'inc-1')).state).toBe(opened.state);
    const resolved = run(
      [
        [30, op('resolve', 'inc-1')],
        [31, op('resolve', 'inc-1')],
      ],
      opened.state,
    );
    expect(resolved.effects.map((e) => (e.type === 'error' ? e.code : e.type))).toEqual([
      'incident-transitioned',
      'invalid-transition',
    ]);
  });

  it('false alarm: the still-firing detector is muted until it reports healthy, then a new episode opens a new incident', () => {
    const r = run([
      [10, F(finding('audio', 'chat', 10))],
      [15, op('false-alarm', 'inc-1', 'ada', 'test')],
      [25, F(finding('audio', 'chat', 25))], // same episode, still going: ignored
      [40, healthy('audio', 38, 'chat-complaints')],
      [90, F(finding('audio', 'chat', 90))], // a new episode
    ]);
    expect(r.incidents.map((i) => [i.id, i.status])).toEqual([
      ['inc-1', 'false-alarm'],
      ['inc-2', 'detected'],
    ]);
    expect(r.incidents[0].evidence).toHaveLength(1);
  });

  it('a false alarm needs its reason, stored trimmed with the transition', () => {
    const opened = run([[10, F(finding('audio', 'chat', 10))]]);
    const refused = step(opened.state, op('false-alarm', 'inc-1', 'ada', '   '), at(12));
    expect(refused.effects).toMatchObject([{ type: 'error', code: 'invalid-input' }]);
    expect(listIncidents(refused.state)[0].status).toBe('detected');
    const marked = step(opened.state, op('false-alarm', 'inc-1', 'ada', ' duplicate '), at(12));
    expect(listIncidents(marked.state)[0].transitions.at(-1)).toMatchObject({
      to: 'false-alarm',
      operator: 'ada',
      note: 'duplicate',
    });
  });

  it('reopen brings a resolved incident back, unless another one of its kind is live', () => {
    const base: Array<[number, IncidentInput]> = [
      [10, F(finding('audio', 'signal', 10))],
      [20, op('resolve', 'inc-1')],
    ];
    const reopened = run([...base, [30, op('reopen', 'inc-1', 'bob')], [35, F(finding('audio', 'chat', 35))]]);
    expect(reopened.incidents).toHaveLength(1);
    expect(reopened.incidents[0]).toMatchObject({ status: 'investigating', resolvedAt: undefined, detectedBy: 'both' });
    const blocked = run([
      ...base,
      [25, healthy('audio', 22)],
      [30, F(finding('audio', 'signal', 30))],
      [40, op('reopen', 'inc-1')],
    ]);
    expect(blocked.effects.at(-1)).toMatchObject({ type: 'error', code: 'kind-already-open', incidentId: 'inc-1' });
  });

  it('manual open: acknowledged, confidence 1, detected by manual; detector findings merge into it', () => {
    const r = run([
      [5, { type: 'open', kind: 'audio', title: 'Presenter says mic is dead', operator: 'ada', note: 'phone call' }],
      [9, F(finding('audio', 'signal', 9))],
      [10, { type: 'open', kind: 'audio', title: 'again', operator: 'bob' }],
    ]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]).toMatchObject({
      id: 'inc-1',
      status: 'acknowledged',
      detectedBy: 'manual',
      confidence: 1,
      title: 'Presenter says mic is dead',
    });
    expect(r.incidents[0].transitions[0]).toMatchObject({
      from: null,
      to: 'acknowledged',
      operator: 'ada',
      note: 'phone call',
    });
    expect(r.effects.at(-1)).toMatchObject({ type: 'error', code: 'kind-already-open' });
  });

  it('manual ids may be passed in; several "other" incidents may be open at once', () => {
    const r = run([
      [1, { type: 'open', kind: 'other', title: 'Slides not shared', operator: 'ada', id: 'sess-7-a' as IncidentId }],
      [2, { type: 'open', kind: 'other', title: 'Q&A tool down', operator: 'ada' }],
    ]);
    expect(r.incidents.map((i) => i.id)).toEqual(['sess-7-a', 'inc-2']);
  });

  it('ids use the configured prefix and a counter (no randomness)', () => {
    const r = run([[1, F(finding('audio', 'signal', 1))]], createIncidentsState({ idPrefix: 'web42-' }));
    expect(r.incidents[0].id).toBe('web42-1');
  });
});

describe('incident engine: recovery proposal', () => {
  it('proposes recovery after the signal has been healthy for 10 s, without resolving', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [60, healthy('audio', 60, 'audio-silence')],
      [65, tick],
      [69, tick],
      [70, tick],
      [75, tick],
    ]);
    const proposals = r.effects.filter((e) => e.type === 'recovery-proposed');
    expect(proposals).toEqual([{ type: 'recovery-proposed', incidentId: 'inc-1', at: at(70) }]);
    expect(r.incidents[0]).toMatchObject({ status: 'detected', recoveryProposedAt: at(70) });
    expect(r.incidents[0].resolvedAt).toBeUndefined();
  });

  it('a viewer still complaining does not hold back recovery once the signal is healthy', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [15, F(finding('audio', 'chat', 15))],
      [60, healthy('audio', 60, 'audio-silence')],
      [70, tick],
    ]);
    expect(r.incidents[0].recoveryProposedAt).toBe(at(70));
  });

  it('a chat-only incident recovers when the chat calms down', () => {
    const r = run([
      [10, F(finding('video', 'chat', 10))],
      [50, healthy('video', 45)],
      [54, tick],
      [55, tick],
    ]);
    expect(r.incidents[0].recoveryProposedAt).toBe(at(55));
  });

  it('a relapse before or after the proposal cancels it', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [30, healthy('audio', 30, 'audio-silence')],
      [35, F(finding('audio', 'signal', 35))],
      [42, tick],
      [50, healthy('audio', 50, 'audio-silence')],
      [60, tick],
      [65, F(finding('audio', 'signal', 65))],
    ]);
    expect(r.effects.filter((e) => e.type === 'recovery-proposed')).toHaveLength(1);
    expect(r.incidents[0].recoveryProposedAt).toBeUndefined();
    expect(r.incidents).toHaveLength(1);
  });

  it('a manual incident with no detector behind it is never proposed as recovered', () => {
    const r = run([
      [1, { type: 'open', kind: 'video', title: 'Camera 2 dark', operator: 'ada' }],
      [100, tick],
    ]);
    expect(r.incidents[0].recoveryProposedAt).toBeUndefined();
  });
});

describe('incident engine: purity', () => {
  it('never mutates the state it is given and is deterministic', () => {
    const inputs: Array<[number, IncidentInput]> = [
      [10, F(finding('audio', 'signal', 10))],
      [12, F(finding('audio', 'chat', 12))],
      [20, op('acknowledge', 'inc-1')],
      [30, healthy('audio', 30)],
      [45, tick],
    ];
    let s = createIncidentsState();
    for (const [sec, input] of inputs) {
      const before = JSON.stringify(s);
      const next = step(s, input, at(sec)).state;
      expect(JSON.stringify(s)).toBe(before);
      s = next;
    }
    expect(JSON.stringify(run(inputs).state)).toBe(JSON.stringify(s));
    const i: Incident = listIncidents(s)[0];
    expect(i.recoveryProposedAt).toBe(at(45));
  });
});

describe('restoring after a restart of Onair', () => {
  const finding = (kind: IncidentKind, at: number): IncidentInput => ({
    type: 'finding',
    finding: {
      kind,
      source: 'signal',
      detector: 'audio-silence',
      title: 'Audio lost',
      confidence: 0.9,
      severity: 'high',
      startedAt: at,
      at,
      evidence: [],
    },
  });

  it('makes each kind’s open incident live again, so new findings merge into it', () => {
    let s = createIncidentsState({ idPrefix: 'run1-' });
    s = step(s, finding('audio', 1000), 1000).state;
    const [before] = listIncidents(s);

    let restored = restoreIncidentsState({ idPrefix: 'run2-' }, [before]);
    const r = step(restored, finding('audio', 9000), 9000);
    restored = r.state;
    expect(listIncidents(restored).map((i) => i.id)).toEqual([before.id]);
    expect(r.effects.some((e) => e.type === 'incident-opened')).toBe(false);
  });

  it('keeps closed incidents as history: a new finding opens a new incident', () => {
    let s = createIncidentsState({ idPrefix: 'run1-' });
    s = step(s, finding('audio', 1000), 1000).state;
    const [i] = listIncidents(s);
    s = step(s, { type: 'resolve', incidentId: i.id as IncidentId, operator: 'giulia' }, 2000).state;

    const restored = restoreIncidentsState({ idPrefix: 'run2-' }, listIncidents(s));
    const r = step(restored, finding('audio', 9000), 9000);
    expect(listIncidents(r.state).map((x) => x.id)).toEqual([i.id, 'run2-1']);
  });
});

describe('incident engine: findings from several sources', () => {
  /** A signal finding of `detector` measured by the source `from`. */
  const fromSource = (from: string, sec: number, detector: Finding['detector'] = 'audio-silence'): IncidentInput =>
    F(
      finding('audio', 'signal', sec, {
        detector,
        from,
        evidence: [{ type: 'sample', ts: at(sec), detector, metric: 'audioLevelDb', value: -120, from }],
      }),
    );
  const healthyFrom = (from: string, sec: number, detector: Finding['detector'] = 'audio-silence'): IncidentInput => ({
    type: 'healthy',
    kind: 'audio',
    since: at(sec),
    detector,
    from,
  });
  const proposals = (effects: IncidentEffect[]) =>
    effects.flatMap((e) => (e.type === 'recovery-proposed' ? [e.at] : []));

  it('the same detector finding it in two sources: one incident, one track per source, evidence from each', () => {
    const r = run([
      [10, fromSource('obs', 10)],
      [12, fromSource('probe', 12)],
      [14, fromSource('obs', 14)], // the same source again: the same track
    ]);
    expect(types(r.effects)).toEqual(['incident-opened', 'incident-updated', 'incident-updated']);
    expect(r.incidents).toHaveLength(1);
    const [i] = r.incidents;
    expect(i.detectors).toEqual(['audio-silence']);
    expect(i.evidence.map((e) => e.type === 'sample' && e.from)).toEqual(['obs', 'probe', 'obs']);
    const tracks = Object.entries(r.state.tracks);
    expect(tracks.map(([key]) => key).sort()).toEqual(['audio-silence@obs/audio', 'audio-silence@probe/audio']);
    expect(tracks.every(([, t]) => t.incidentId === i.id && t.active)).toBe(true);
  });

  it('one source healthy does not propose recovery while the other still fires; both healthy does', () => {
    const r = run([
      [10, fromSource('obs', 10)],
      [11, fromSource('probe', 11)],
      [20, healthyFrom('obs', 20)],
      [30, tick],
      [60, tick],
      [70, healthyFrom('probe', 68)],
      [77, tick],
      [78, tick],
    ]);
    expect(proposals(r.effects)).toEqual([at(78)]);
    expect(r.state.tracks['audio-silence@obs/audio']).toMatchObject({ active: false, healthySince: at(20) });
    expect(r.state.tracks['audio-silence@probe/audio']).toMatchObject({ active: false, healthySince: at(68) });
  });

  it('different detectors in different sources fuse the same way', () => {
    const r = run([
      [10, fromSource('probe', 10, 'audio-silence')],
      [12, fromSource('obs', 12, 'input-silence')],
      [20, healthyFrom('probe', 20, 'audio-silence')],
      [40, tick],
      [41, healthyFrom('obs', 41, 'input-silence')],
      [51, tick],
    ]);
    expect(r.incidents.map((i) => i.detectors)).toEqual([['audio-silence', 'input-silence']]);
    expect(proposals(r.effects)).toEqual([at(51)]);
  });

  it('a source’s healthy report touches only its own track, not the unnamed one of the same detector', () => {
    const r = run([
      [10, F(finding('audio', 'signal', 10))],
      [11, fromSource('obs', 11)],
      [20, healthyFrom('obs', 20)],
      [40, tick],
    ]);
    expect(proposals(r.effects)).toEqual([]);
    expect(r.state.tracks['audio-silence/audio'].active).toBe(true);
  });

  it('after resolve, each source stays muted until it reports healthy itself', () => {
    const r = run([
      [10, fromSource('obs', 10)],
      [11, fromSource('probe', 11)],
      [20, op('resolve', 'inc-1')],
      [30, healthyFrom('obs', 30)],
      [40, fromSource('obs', 40)], // a new episode in OBS: a new incident
      [41, fromSource('probe', 41)], // the probe's old episode, still going: ignored
    ]);
    expect(r.incidents.map((i) => [i.id, i.status])).toEqual([
      ['inc-1', 'resolved'],
      ['inc-2', 'detected'],
    ]);
    expect(r.incidents[1].evidence.map((e) => e.type === 'sample' && e.from)).toEqual(['obs']);
  });
});

describe('carried over into a new session', () => {
  const from = { sessionId: 's-1', eventName: 'Launch', scenario: 'audio-loss', startedAt: at(0) };
  const carried = (state: IncidentsState, id: string, why: 'new-session' | 'restart' = 'new-session') =>
    restoreIncidentsState(
      state.config,
      listIncidents(state).map((i) =>
        i.id === id ? carryOver(i, { from, intoSessionId: 's-2', at: at(100), why }) : i,
      ),
    );

  it('stays live for its kind: a new finding of that kind attaches to it instead of opening a duplicate', () => {
    const first = run([[10, F(finding('audio', 'signal', 10))]]);
    const s2 = carried(first.state, 'inc-1');
    const r = step(s2, F(finding('audio', 'chat', 110)), at(110));
    expect(listIncidents(r.state).map((i) => [i.id, i.detectedBy])).toEqual([['inc-1', 'both']]);
    expect(awaitsCarryOverAnswer(listIncidents(r.state)[0])).toBe(true);
  });

  it('"Still happening?" answered with keep-open stops asking and names who answered', () => {
    const s2 = carried(run([[10, F(finding('audio', 'signal', 10))]]).state, 'inc-1');
    const r = step(s2, { type: 'keep-open', incidentId: 'inc-1' as IncidentId, operator: 'bob' }, at(120));
    const [i] = listIncidents(r.state);
    expect(r.effects.map((e) => e.type)).toEqual(['incident-updated']);
    expect(i.carriedOver).toMatchObject({ from, why: 'new-session', keptOpen: { operator: 'bob', at: at(120) } });
    expect(awaitsCarryOverAnswer(i)).toBe(false);
    expect(i.status).toBe('detected');
  });

  it('a resolved carried incident asks no more; keep-open on an incident never carried is refused', () => {
    const s2 = carried(run([[10, F(finding('audio', 'signal', 10))]]).state, 'inc-1');
    const resolved = step(s2, op('resolve', 'inc-1'), at(120));
    expect(awaitsCarryOverAnswer(listIncidents(resolved.state)[0])).toBe(false);
    const plain = run([[10, F(finding('video', 'signal', 10))]]);
    const r = step(plain.state, { type: 'keep-open', incidentId: 'inc-1' as IncidentId, operator: 'bob' }, at(20));
    expect(r.effects).toMatchObject([{ type: 'error', code: 'invalid-transition' }]);
  });
});
