/**
 * The live dashboard's state: a snapshot from main, then kept current by events. Chat and health are bounded
 * windows so an hour of chat does not grow the renderer without limit. Every action that carries source data
 * also carries the wall time it arrived (`at`), so the session's time line is anchored exactly as main anchors
 * it (shared/domain/session-time.ts), without the reducer reading a clock.
 *
 * Health is kept by time, since several sources deliver it at different rates (the simulator once a second,
 * OBS four times, the probe ten). The window runs on arrival times, not on the samples' own timestamps: one
 * sample stamped far in the future would otherwise push every other one out of it.
 */
import type { IngestStats, LiveSnapshot, SessionView } from '../../shared/contract';
import { observe, startAnchor, type SessionAnchor } from '../../shared/domain/session-time';
import type { SourceView } from '../../shared/sources';
import type { ChatMessage, ConnectionState, EpochMs, HealthSample } from '../../shared/types';
import { isValidTime } from '../components/format';

export const CHAT_WINDOW = 5000;
/** Health samples that arrived in the last ten minutes… */
export const HEALTH_KEEP_MS = 10 * 60_000;
/** …and at most this many: ten minutes of three sources at ten samples a second. */
export const HEALTH_MAX = 18_000;

/** A run of `count` consecutive samples of `health` that arrived together at `at` (wall ms). */
interface HealthArrival {
  at: EpochMs;
  count: number;
}

export interface LiveFeed {
  loaded: boolean;
  connection: ConnectionState | null;
  session: SessionView | null;
  chat: ChatMessage[];
  health: HealthSample[];
  /** When the samples of `health` arrived, oldest first; the counts add up to its length. */
  healthArrivals: HealthArrival[];
  stats: IngestStats;
  simulator: LiveSnapshot['simulator'];
  /** Every source feeding the event, the time line's first. */
  sources: SourceView[];
  /** Where the session's time line is pinned: the newest source timestamp and when it arrived. */
  anchor: SessionAnchor | null;
}

export type LiveFeedAction =
  | { type: 'snapshot'; s: LiveSnapshot; at: EpochMs }
  | { type: 'connection'; c: ConnectionState }
  | { type: 'session'; s: SessionView; at: EpochMs }
  | { type: 'chat'; m: ChatMessage[]; at: EpochMs }
  | { type: 'health'; h: HealthSample[]; at: EpochMs }
  | { type: 'stats'; s: IngestStats }
  | { type: 'sources'; s: SourceView[] };

export const initialLiveFeed: LiveFeed = {
  loaded: false,
  connection: null,
  session: null,
  chat: [],
  health: [],
  healthArrivals: [],
  stats: { chat: 0, health: 0, quarantined: 0 },
  simulator: null,
  sources: [],
  anchor: null,
};

const tail = <T>(xs: T[], n: number) => (xs.length > n ? xs.slice(xs.length - n) : xs);

/** `health` with `samples` appended as arriving at `at`, less what fell out of the window. */
function withHealth(
  st: Pick<LiveFeed, 'health' | 'healthArrivals'>,
  samples: HealthSample[],
  at: EpochMs,
): Pick<LiveFeed, 'health' | 'healthArrivals'> {
  if (!samples.length) return { health: st.health, healthArrivals: st.healthArrivals };
  const health = st.health.concat(samples);
  const arrivals = st.healthArrivals.concat({ at, count: samples.length });
  let drop = 0;
  let first = 0;
  while (arrivals[first].at < at - HEALTH_KEEP_MS) drop += arrivals[first++].count;
  let over = health.length - drop - HEALTH_MAX;
  while (over > 0) {
    const run = arrivals[first];
    const cut = Math.min(run.count, over);
    drop += cut;
    over -= cut;
    if (cut === run.count) first++;
    else arrivals[first] = { at: run.at, count: run.count - cut };
  }
  return { health: drop ? health.slice(drop) : health, healthArrivals: first ? arrivals.slice(first) : arrivals };
}

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
        ...withHealth({ health: [], healthArrivals: [] }, a.s.recentHealth, a.at),
        stats: a.s.stats,
        simulator: a.s.simulator,
        sources: a.s.sources,
        anchor: anchored(start, [...a.s.recentChat, ...a.s.recentHealth], a.at),
      };
    }
    case 'connection':
      return { ...st, connection: a.c };
    case 'session':
      // A reconnect to the same run announces the same session again: keep what we have.
      return st.session?.id === a.s.id
        ? st
        : { ...st, session: a.s, chat: [], health: [], healthArrivals: [], anchor: startAnchor(a.s.startedAt, a.at) };
    case 'chat':
      return { ...st, chat: tail(st.chat.concat(a.m), CHAT_WINDOW), anchor: anchored(st.anchor, a.m, a.at) };
    case 'health':
      return { ...st, ...withHealth(st, a.h, a.at), anchor: anchored(st.anchor, a.h, a.at) };
    case 'stats':
      return { ...st, stats: a.s };
    case 'sources':
      return { ...st, sources: a.s };
  }
}
