import { useEffect, useState } from 'react';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';
import type { IncidentId } from '../../shared/types';

/** Outbox entries (optionally of one incident), live. */
export function useOutbox(incidentId?: IncidentId) {
  const t = useTransport();
  const report = useReportError();
  const [entries, setEntries] = useState<OutboxEntryView[]>([]);
  useEffect(() => {
    let alive = true;
    t.invoke('outbox.list', incidentId ? { incidentId } : {}).then(
      (l) => alive && setEntries(l),
      (e: unknown) => alive && report('Loading the outbox')(e),
    );
    const off = t.on('outbox.changed', (e) => {
      if (incidentId && e.incidentId !== incidentId) return;
      setEntries((prev) => {
        // A post that waited on this console for the team database comes back with its team id: one row.
        const others = prev.filter((p) => p.id === e.id || p.idempotencyKey !== e.idempotencyKey);
        return others.some((p) => p.id === e.id) ? others.map((p) => (p.id === e.id ? e : p)) : [e, ...others];
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, [t, incidentId, report]);
  return entries;
}
