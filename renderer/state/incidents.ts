/**
 * The live event's incidents as the console holds them, and the deadline alarms main raised for them.
 * An alarm stays up until it is answered: an update went out at or after the missed deadline, the incident
 * closed, or the operator took it to the composer. The state belongs to one session; another session's
 * actions start from empty. Cues (the control-room sounds) are counted here and played by the hook.
 */
import type { DeadlineAlarm, IncidentView } from '../../shared/contract';

type SessionKey = string | undefined;

export interface IncidentsState {
  sessionId: SessionKey;
  /** Newest first, as they appeared. */
  incidents: IncidentView[];
  alarms: DeadlineAlarm[];
  /** How many times each cue was due; they only grow, so a change means "play it". */
  cues: { incident: number; deadline: number };
}

export type IncidentsAction =
  | { type: 'listed'; sessionId: SessionKey; list: IncidentView[] }
  | { type: 'changed'; sessionId: SessionKey; incident: IncidentView }
  | { type: 'deadlineMissed'; sessionId: SessionKey; alarm: DeadlineAlarm }
  | { type: 'alarmCleared'; sessionId: SessionKey; incidentId: string };

export const noIncidents: IncidentsState = {
  sessionId: undefined,
  incidents: [],
  alarms: [],
  cues: { incident: 0, deadline: 0 },
};

export const isClosed = (i: Pick<IncidentView, 'status'>) => i.status === 'resolved' || i.status === 'false-alarm';

const SEVERITY_RANK: Record<IncidentView['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The panel's order: open before closed, then the most severe, then the newest; a new array, the input untouched. */
export const inPanelOrder = (incidents: readonly IncidentView[]): IncidentView[] =>
  [...incidents].sort(
    (a, b) =>
      Number(isClosed(a)) - Number(isClosed(b)) ||
      (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) ||
      b.openedAt - a.openedAt,
  );

/** The state of `sessionId`: what we hold if it is that session's, else an empty start (cues keep counting). */
export const forSession = (s: IncidentsState, sessionId: SessionKey): IncidentsState =>
  s.sessionId === sessionId ? s : { ...noIncidents, sessionId, cues: s.cues };

/** An update that went out at or after the missed deadline, or closing the incident, answers its alarm. */
const answers = (i: IncidentView, a: DeadlineAlarm): boolean =>
  a.incidentId === i.id && (isClosed(i) || (i.lastUpdateAt ?? 0) >= a.dueAt);

export function incidentsReducer(state: IncidentsState, a: IncidentsAction): IncidentsState {
  const s = forSession(state, a.sessionId);
  switch (a.type) {
    case 'listed':
      return { ...s, incidents: a.list };
    case 'changed': {
      const i = a.incident;
      // Without a session yet every incident is ours; with one, another session's incidents are not.
      if (a.sessionId && i.sessionId !== a.sessionId) return s;
      const known = s.incidents.some((p) => p.id === i.id);
      return {
        ...s,
        incidents: known ? s.incidents.map((p) => (p.id === i.id ? i : p)) : [i, ...s.incidents],
        alarms: s.alarms.filter((x) => !answers(i, x)),
        cues: known ? s.cues : { ...s.cues, incident: s.cues.incident + 1 },
      };
    }
    case 'deadlineMissed':
      // One alarm per incident: the newest deadline it missed.
      return {
        ...s,
        alarms: [...s.alarms.filter((p) => p.incidentId !== a.alarm.incidentId), a.alarm],
        cues: { ...s.cues, deadline: s.cues.deadline + 1 },
      };
    case 'alarmCleared':
      return { ...s, alarms: s.alarms.filter((x) => x.incidentId !== a.incidentId) };
  }
}
