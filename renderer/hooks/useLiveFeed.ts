/**
 * The live dashboard's data: a snapshot from main, then kept current by events. Chat and health are
 * bounded ring windows so an hour of chat does not grow the renderer without limit.
 */
import { useEffect, useReducer } from 'react';
import type { IngestStats, LiveSnapshot, SessionView } from '../../shared/contract';
import type { ChatMessage, ConnectionState, HealthSample } from '../../shared/types';
import { useTransport } from '../transport/TransportContext';

export const CHAT_WINDOW = 5000;
export const HEALTH_WINDOW = 600;

export interface LiveFeed {
  loaded: boolean;
  connection: ConnectionState | null;
  session: SessionView | null;
  chat: ChatMessage[];
  health: HealthSample[];
  stats: IngestStats;
  simulator: LiveSnapshot['simulator'];
}

type Action =
  | { type: 'snapshot'; s: LiveSnapshot }
  | { type: 'connection'; c: ConnectionState }
  | { type: 'session'; s: SessionView }
  | { type: 'chat'; m: ChatMessage[] }
  | { type: 'health'; h: HealthSample[] }
  | { type: 'stats'; s: IngestStats };

const tail = <T>(xs: T[], n: number) => (xs.length > n ? xs.slice(xs.length - n) : xs);

function reduce(st: LiveFeed, a: Action): LiveFeed {
  switch (a.type) {
    case 'snapshot':
      return {
        loaded: true,
        connection: a.s.connection,
        session: a.s.session,
        chat: a.s.recentChat,
        health: a.s.recentHealth,
        stats: a.s.stats,
        simulator: a.s.simulator,
      };
    case 'connection':
      return { ...st, connection: a.c };
    case 'session':
      return st.session?.id === a.s.id ? st : { ...st, session: a.s, chat: [], health: [] };
    case 'chat':
      return { ...st, chat: tail(st.chat.concat(a.m), CHAT_WINDOW) };
    case 'health':
      return { ...st, health: tail(st.health.concat(a.h), HEALTH_WINDOW) };
    case 'stats':
      return { ...st, stats: a.s };
  }
}

const initial: LiveFeed = {
  loaded: false,
  connection: null,
  session: null,
  chat: [],
  health: [],
  stats: { chat: 0, health: 0, quarantined: 0 },
  simulator: null,
};

export function useLiveFeed(): LiveFeed & { reload(): void } {
  const t = useTransport();
  const [state, dispatch] = useReducer(reduce, initial);
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let alive = true;
    const offs = [
      t.on('connection.changed', (c) => dispatch({ type: 'connection', c })),
      t.on('session.started', (s) => {
        dispatch({ type: 'session', s });
        reload(); // a new run may also mean a new scenario or source: take a fresh snapshot
      }),
      t.on('chat.received', (m) => dispatch({ type: 'chat', m })),
      t.on('health.received', (h) => dispatch({ type: 'health', h })),
      t.on('ingest.statsChanged', (s) => dispatch({ type: 'stats', s })),
    ];
    t.invoke('live.snapshot', {}).then(
      (s) => alive && dispatch({ type: 'snapshot', s }),
      () => {},
    );
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [t, nonce]);
  return { ...state, reload };
}
