/** The live dashboard's data: a snapshot from main, then kept current by events (see state/live-feed.ts). */
import { useEffect, useReducer } from 'react';
import { initialLiveFeed, liveFeedReducer, type LiveFeed } from '../state/live-feed';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';

export type { LiveFeed } from '../state/live-feed';

export function useLiveFeed(): LiveFeed & { reload(): void } {
  const t = useTransport();
  const report = useReportError();
  const [state, dispatch] = useReducer(liveFeedReducer, initialLiveFeed);
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let alive = true;
    const offs = [
      t.on('connection.changed', (c) => dispatch({ type: 'connection', c })),
      t.on('session.started', (s) => {
        dispatch({ type: 'session', s, at: Date.now() });
        reload(); // a new run may also mean a new scenario or source: take a fresh snapshot
      }),
      t.on('chat.received', (m) => dispatch({ type: 'chat', m, at: Date.now() })),
      t.on('health.received', (h) => dispatch({ type: 'health', h, at: Date.now() })),
      t.on('ingest.statsChanged', (s) => dispatch({ type: 'stats', s })),
      t.on('sources.changed', (s) => dispatch({ type: 'sources', s })),
    ];
    t.invoke('live.snapshot', {}).then(
      (s) => alive && dispatch({ type: 'snapshot', s, at: Date.now() }),
      (e: unknown) => alive && report('Loading the live data')(e),
    );
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [t, nonce, report]);
  return { ...state, reload };
}
