import { useCallback, useEffect, useState } from 'react';
import type { TimelineView } from '../../shared/review-types';
import { useTransport } from '../transport/TransportContext';

/** The timeline of one event and its visible range; zoom and pan ask main for the new range. */
export function useTimeline(sessionId: string | null) {
  const t = useTransport();
  const [view, setView] = useState<TimelineView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (from?: number, to?: number) => {
      if (!sessionId) return;
      setError(null);
      t.invoke('review.timeline', {
        sessionId,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      }).then(setView, (e: Error) => setError(e.message));
    },
    [t, sessionId],
  );
  useEffect(() => {
    setView(null);
    load();
  }, [load]);
  const pan = (fraction: number) => {
    if (!view) return;
    const span = view.range.to - view.range.from;
    const from = Math.min(Math.max(view.full.from, view.range.from + span * fraction), view.full.to - span);
    load(from, from + span);
  };
  /** factor < 1 zooms in around the middle of the visible range, > 1 zooms out. */
  const scale = (factor: number) => {
    if (!view) return;
    const mid = (view.range.from + view.range.to) / 2;
    const half = ((view.range.to - view.range.from) * factor) / 2;
    load(Math.max(view.full.from, Math.round(mid - half)), Math.min(view.full.to, Math.round(mid + half)));
  };
  return { view, error, zoom: load, reset: () => load(), pan, scale };
}
