import { describe, expect, it } from 'vitest';
import type { DeadlineAlarm, IncidentView } from '../../shared/contract';
import type { IncidentId, SessionId } from '../../shared/types';
import {
  forSession,
  incidentsReducer,
  inPanelOrder,
  noIncidents,
  type IncidentsAction,
  type IncidentsState,
} from './incidents';

const S1 = 'sess-1';
const T0 = 1_700_000_000_000;

function incident(id: string, over: Partial<IncidentView> = {}): IncidentView {
  return {
    id: id as IncidentId,
    kind: 'audio',
    title: 'Audio lost',
    status: 'detected',
    severity: 'high',
    confidence: 0.9,
    signalConfidence: 0.9,
    chatConfidence: 0,
    openedAt: T0,
    firstEvidenceAt: T0,
    detectedBy: 'signal',
    detectors: ['audio-silence'],
    evidence: [],
    transitions: [],
    updatedAt: T0,
    sessionId: S1 as SessionId,
    rounds: 0,
    ...over,
  };
}

const alarm = (id: string, dueAt: number, deadline: DeadlineAlarm['deadline'] = 'first-update'): DeadlineAlarm => ({
  incidentId: id as IncidentId,
  deadline,
  dueAt,
});

const run = (actions: IncidentsAction[], from: IncidentsState = noIncidents) => actions.reduce(incidentsReducer, from);
const changed = (i: IncidentView, sessionId: string | undefined = S1): IncidentsAction => ({
  type: 'changed',
  sessionId,
  incident: i,
});
const missed = (a: DeadlineAlarm): IncidentsAction => ({ type: 'deadlineMissed', sessionId: S1, alarm: a });

describe('incidents of the live event', () => {
  it('puts a new incident first and replaces a known one in place', () => {
    const s = run([changed(incident('a')), changed(incident('b')), changed(incident('a', { status: 'acknowledged' }))]);
    expect(s.incidents.map((i) => [i.id, i.status])).toEqual([
      ['b', 'detected'],
      ['a', 'acknowledged'],
    ]);
  });

  it('cues once per new incident, never for an update to a known one', () => {
    const s = run([changed(incident('a')), changed(incident('a', { status: 'acknowledged' })), changed(incident('b'))]);
    expect(s.cues).toEqual({ incident: 2, deadline: 0 });
  });

  it("ignores another session's incidents, but takes every incident before a session is known", () => {
    expect(run([changed(incident('x', { sessionId: 'other' as SessionId }))]).incidents).toEqual([]);
    const before: IncidentsAction = {
      type: 'changed',
      sessionId: undefined,
      incident: incident('x', { sessionId: null }),
    };
    expect(run([before]).incidents).toHaveLength(1);
  });

  it('takes the listed incidents as they are', () => {
    const list = [incident('a'), incident('b')];
    expect(run([{ type: 'listed', sessionId: S1, list }]).incidents).toBe(list);
  });

  it('starts empty for a new session, and the cues keep counting', () => {
    const s1 = run([changed(incident('a')), missed(alarm('a', T0 + 60_000))]);
    const view = forSession(s1, 'sess-2');
    expect(view).toMatchObject({ sessionId: 'sess-2', incidents: [], alarms: [], cues: s1.cues });
    const s2 = run([changed(incident('b', { sessionId: 'sess-2' as SessionId }), 'sess-2')], s1);
    expect(s2.incidents.map((i) => i.id)).toEqual(['b']);
    expect(s2.cues.incident).toBe(2);
  });
});

describe('deadline alarms', () => {
  it('raises an alarm with a cue, one per incident: the newest missed deadline', () => {
    const s = run([
      changed(incident('a')),
      missed(alarm('a', T0 + 60_000)),
      missed(alarm('a', T0 + 360_000, 'cadence')),
    ]);
    expect(s.alarms).toEqual([alarm('a', T0 + 360_000, 'cadence')]);
    expect(s.cues.deadline).toBe(2);
  });

  it('clears once an update went out at or after the missed deadline', () => {
    const due = T0 + 60_000;
    const raised = run([
      changed(incident('a')),
      missed(alarm('a', due)),
      changed(incident('b')),
      missed(alarm('b', due)),
    ]);
    const early = run([changed(incident('a', { lastUpdateAt: due - 1, rounds: 1 }))], raised);
    expect(early.alarms.map((x) => x.incidentId)).toEqual(['a', 'b']); // an update from before the deadline does not answer it
    const answered = run([changed(incident('a', { lastUpdateAt: due, firstUpdateAt: due, rounds: 1 }))], raised);
    expect(answered.alarms.map((x) => x.incidentId)).toEqual(['b']);
  });

  it('clears when the incident closes, resolved or false alarm', () => {
    const raised = run([
      changed(incident('a')),
      missed(alarm('a', T0)),
      changed(incident('b')),
      missed(alarm('b', T0)),
    ]);
    const s = run(
      [changed(incident('a', { status: 'resolved' })), changed(incident('b', { status: 'false-alarm' }))],
      raised,
    );
    expect(s.alarms).toEqual([]);
  });

  it('stays up while the incident changes otherwise', () => {
    const raised = run([changed(incident('a')), missed(alarm('a', T0))]);
    expect(run([changed(incident('a', { status: 'investigating' }))], raised).alarms).toHaveLength(1);
  });

  it('clears when the operator takes the incident to the composer', () => {
    const raised = run([
      changed(incident('a')),
      missed(alarm('a', T0)),
      changed(incident('b')),
      missed(alarm('b', T0)),
    ]);
    const s = run([{ type: 'alarmCleared', sessionId: S1, incidentId: 'a' }], raised);
    expect(s.alarms.map((x) => x.incidentId)).toEqual(['b']);
  });
});

describe('the order of the incident panel', () => {
  it('open before closed, then critical first, then the newest', () => {
    const list = [
      incident('closed-critical', { status: 'resolved', severity: 'critical', openedAt: T0 + 9 }),
      incident('low-new', { severity: 'low', openedAt: T0 + 8 }),
      incident('high-old', { severity: 'high', openedAt: T0 + 1, status: 'acknowledged' }),
      incident('critical', { severity: 'critical', openedAt: T0 + 2, status: 'investigating' }),
      incident('high-new', { severity: 'high', openedAt: T0 + 5 }),
      incident('false-alarm', { status: 'false-alarm', severity: 'low', openedAt: T0 + 7 }),
      incident('closed-medium-new', { status: 'resolved', severity: 'medium', openedAt: T0 + 10 }),
    ];
    const before = list.map((i) => i.id);
    expect(inPanelOrder(list).map((i) => i.id)).toEqual([
      'critical',
      'high-new',
      'high-old',
      'low-new',
      'closed-critical',
      'closed-medium-new',
      'false-alarm',
    ]);
    expect(list.map((i) => i.id)).toEqual(before); // the held list is not reordered in place
  });
});
