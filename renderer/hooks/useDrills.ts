/** Every drill, newest first, kept current by `drill.changed` (the running one without its secret). */
import { useEffect, useState } from 'react';
import type { DrillView } from '../../shared/rehearsal';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';

export function useDrills(): DrillView[] {
  const t = useTransport();
  const report = useReportError();
  const [drills, setDrills] = useState<DrillView[]>([]);
  useEffect(() => {
    let alive = true;
    t.invoke('drill.list', {}).then(
      (l) => alive && setDrills(l),
      (e: unknown) => alive && report('Loading the drills')(e),
    );
    const off = t.on('drill.changed', (d) =>
      setDrills((prev) => (prev.some((p) => p.id === d.id) ? prev.map((p) => (p.id === d.id ? d : p)) : [d, ...prev])),
    );
    return () => {
      alive = false;
      off();
    };
  }, [t, report]);
  return drills;
}
