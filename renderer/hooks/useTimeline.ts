import { useCallback, useEffect, useState } from 'react';
import type { ContractError } from '../../shared/contract';
import type { TimelineView } from '../../shared/domain/review/timeline-view';
import { toContractError } from '../state/error-notices';
import { useTransport } from '../transport/TransportContext';
import type { SessionId } from '../../shared/types';

/** What came back for one event: its timeline (the last range that loaded) or why the last request failed. */
interface Loaded {
  sessionId: SessionId;
  view: TimelineView | null;
  error: ContractError | null;
}

/** The timeline of one event and its visible range; zoom and pan ask main for the new range. */
export function useTimeline(sessionId: SessionId | null) {
  const t = useTransport();
  // Keyed by event: another event's timeline is never shown, so picking one needs no reset.
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const request = useCallback(
    (from?: number, to?: number) =>
      sessionId === null
        ? undefined
        : t
            .invoke('review.timeline', {
              sessionId,
              ...(from !== undefined ? { from } : {}),
              ...(to !== undefined ? { to } : {}),
            })
            .then(
              (view): Loaded => ({ sessionId, view, error: null }),
              (e: unknown) =>
                (prev: Loaded | null): Loaded => ({
                  sessionId,
                  view: prev?.sessionId === sessionId ? prev.view : null, // a failed zoom keeps the range on screen
                  error: toContractError(e),
                }),
            ),
    [t, sessionId],
  );
  const load = useCallback((from?: number, to?: number) => void request(from, to)?.then(setLoaded), [request]);
  useEffect(() => {
    let alive = true;
    void request()?.then((next) => alive && setLoaded(next));
    return () => {
      alive = false;
    };
  }, [request]);
  const current = loaded?.sessionId === sessionId ? loaded : null;
  const view = current?.view ?? null;
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
  return { view, error: current?.error ?? null, zoom: load, reset: () => load(), pan, scale };
}
