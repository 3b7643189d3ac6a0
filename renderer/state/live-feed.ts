/**
 * The live dashboard's state: a snapshot from main, then kept current by events. Chat and health are bounded
 * windows so an hour of chat does not grow the renderer without limit. Every action that carries source data
 * also carries the wall time it arrived (`at`), so the session's time line is anchored exactly as main anchors
 * it (shared/domain/session-time.ts), without the reducer reading a clock.
 */
import type { IngestStats, LiveSnapshot, SessionView } from '../../shared/contract';
import { observe, startAnchor, type SessionAnchor } from '../../shared/domain/session-time';
import type { ChatMessage, ConnectionState, EpochMs, HealthSample } from '../../shared/types';
import { isValidTime } from '../components/format';

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
  /** Where the session's time line is pinned: the newest source timestamp and when it arrived. */
  anchor: SessionAnchor | null;
}

export type LiveFeedAction =
  | { type: 'snapshot'; s: LiveSnapshot; at: EpochMs }
  | { type: 'connection'; c: ConnectionState }
  | { type: 'session'; s: SessionView; at: EpochMs }
  | { type: 'chat'; m: ChatMessage[]; at: EpochMs }
  | { type: 'health'; h: HealthSample[]; at: EpochMs }
  | { type: 'stats'; s: IngestStats };

export const initialLiveFeed: LiveFeed = {
  loaded: false,
  connection: null,
  session: null,
  chat: [],
  health: [],
  stats: { chat: 0, health: 0, quarantined: 0 },
  simulator: null,
  anchor: null,
};

const tail = <T>(xs: T[], n: number) => (xs.length > n ? xs.slice(xs.length - n) : xs);

/**
 * The newest timestamp among some chat messages and samples, or null when there are none. A timestamp that is
 * no date (one row stamped 8640000000000001) is left out: time never goes back, so it would pin the session's
 * "now", and every silence timer with it, in the year 275760 for the rest of the event.
 */
const newest = (items: readonly { ts: EpochMs }[]): EpochMs | null => {
  let hi: EpochMs | null = null;
  for (const x of items) if (isValidTime(x.ts) && (hi === null || x.ts > hi)) hi = x.ts;
  return hi;
};

const anchored = (anchor: SessionAnchor | null, items: readonly { ts: EpochMs }[], at: EpochMs) => {
  const ts = newest(items);
  return ts === null ? anchor : observe(anchor, ts, at);
};

export function liveFeedReducer(st: LiveFeed, a: LiveFeedAction): LiveFeed {
  switch (a.type) {
    case 'snapshot': {
      const start = a.s.session ? startAnchor(a.s.session.startedAt, a.at) : null;
      return {
        loaded: true,
        connection: a.s.connection,
        session: a.s.session,
        chat: tail(a.s.recentChat, CHAT_WINDOW),
        health: tail(a.s.recentHealth, HEALTH_WINDOW),
        stats: a.s.stats,
        simulator: a.s.simulator,
        anchor: anchored(start, [...a.s.recentChat, ...a.s.recentHealth], a.at),
      };
    }
    case 'connection':
      return { ...st, connection: a.c };
    case 'session':
      // A reconnect to the same run announces the same session again: keep what we have.
      return st.session?.id === a.s.id
        ? st
        : { ...st, session: a.s, chat: [], health: [], anchor: startAnchor(a.s.startedAt, a.at) };
    case 'chat':
      return { ...st, chat: tail(st.chat.concat(a.m), CHAT_WINDOW), anchor: anchored(st.anchor, a.m, a.at) };
    case 'health':
      return { ...st, health: tail(st.health.concat(a.h), HEALTH_WINDOW), anchor: anchored(st.anchor, a.h, a.at) };
    case 'stats':
      return { ...st, stats: a.s };
  }
}
