/** Incidents of the live event, kept current by `incident.changed`; alarms from missed deadlines (state/incidents.ts). */
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { forSession, incidentsReducer, inPanelOrder, isClosed, noIncidents } from '../state/incidents';
import { useTransport } from '../transport/TransportContext';
import { playCue } from '../components/sound-cue';
import { useReportError } from './useErrorNotices';

export function useIncidents(sessionId: string | undefined) {
  const t = useTransport();
  const report = useReportError();
  const [state, dispatch] = useReducer(incidentsReducer, noIncidents);
  useEffect(() => {
    let alive = true;
    t.invoke('incident.list', {}).then(
      (list) => alive && dispatch({ type: 'listed', sessionId, list }),
      (e: unknown) => alive && report('Loading the incidents')(e),
    );
    const offs = [
      t.on('incident.changed', (incident) => dispatch({ type: 'changed', sessionId, incident })),
      t.on('incident.deadlineMissed', (alarm) => dispatch({ type: 'deadlineMissed', sessionId, alarm })),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [t, sessionId, report]);
  // The sounds are the control room's side of the state: played once per new incident, once per missed deadline.
  useEffect(() => {
    if (state.cues.incident) playCue('incident');
  }, [state.cues.incident]);
  useEffect(() => {
    if (state.cues.deadline) playCue('deadline');
  }, [state.cues.deadline]);
  const clearAlarm = useCallback(
    (incidentId: string) => dispatch({ type: 'alarmCleared', sessionId, incidentId }),
    [sessionId],
  );
  const { incidents: held, alarms } = forSession(state, sessionId);
  const incidents = useMemo(() => inPanelOrder(held), [held]);
  return { incidents, open: incidents.filter((i) => !isClosed(i)), alarms, clearAlarm };
}
