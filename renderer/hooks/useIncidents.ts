/** Incidents of the live event, kept current by `incident.changed`; alarms from missed deadlines. */
import { useEffect, useState } from 'react';
import type { DeadlineAlarm, IncidentView } from '../../shared/contract';
import { useTransport } from '../transport/TransportContext';
import { playCue } from '../components/sound-cue';

export function useIncidents(sessionId: string | undefined) {
  const t = useTransport();
  const [incidents, setIncidents] = useState<IncidentView[]>([]);
  const [alarms, setAlarms] = useState<DeadlineAlarm[]>([]);
  useEffect(() => {
    let alive = true;
    setIncidents([]);
    setAlarms([]);
    t.invoke('incident.list', {}).then(
      (list) => alive && setIncidents(list),
      () => {},
    );
    const offs = [
      t.on('incident.changed', (i) => {
        if (sessionId && i.sessionId !== sessionId) return;
        setIncidents((prev) => {
          const known = prev.some((p) => p.id === i.id);
          if (!known) playCue('incident');
          return known ? prev.map((p) => (p.id === i.id ? i : p)) : [i, ...prev];
        });
        // An update that went out after the missed deadline (or closing the incident) answers the alarm.
        const closed = i.status === 'resolved' || i.status === 'false-alarm';
        setAlarms((prev) => prev.filter((a) => a.incidentId !== i.id || !(closed || (i.lastUpdateAt ?? 0) >= a.dueAt)));
      }),
      t.on('incident.deadlineMissed', (a) => {
        playCue('deadline');
        setAlarms((prev) => [...prev.filter((p) => p.incidentId !== a.incidentId), a]);
      }),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [t, sessionId]);
  const open = incidents.filter((i) => i.status !== 'resolved' && i.status !== 'false-alarm');
  return {
    incidents,
    open,
    alarms,
    clearAlarm: (id: string) => setAlarms((a) => a.filter((x) => x.incidentId !== id)),
  };
}
