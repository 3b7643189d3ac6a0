/**
 * The YouTube Data API quota of one Google Cloud project: every call's documented cost is counted (and
 * stored, so a restart mid-event does not forget it) against the daily allocation, which starts again at
 * midnight Pacific Time. The ledger also paces the chat: it reads as often as YouTube allows, but never so
 * often that the day's quota would run out before the event does, and it keeps a reserve for our own posts.
 */
import type { Clock } from '../../../../../shared/clock';
import type { QuotaView } from '../../../../../shared/sources';
import type { PlatformQuotaRepo } from '../../db/platform-quota-repo';

/**
 * Units per call: the cost table (developers.google.com/youtube/v3/determine_quota_cost) and each method's
 * "Quota impact" (liveChatMessages list 5, insert 20); methods listed nowhere pay the floor of 1.
 */
export const QUOTA_COST = {
  'liveChatMessages.list': 5,
  'liveChatMessages.insert': 20,
  'liveStreams.list': 1,
  'liveBroadcasts.list': 1,
  'channels.list': 1,
} as const;
export type QuotaCall = keyof typeof QUOTA_COST;

/** Kept for our own posts: twenty chat updates must go out even when the chat has eaten the rest. */
export const POST_RESERVE = 20 * QUOTA_COST['liveChatMessages.insert'];
/** Below this share left, the Sources screen warns. */
const WARN_SHARE = 0.2;
/** Not planned for the chat: looking up the broadcast, retries, the producer's Test button. */
const MARGIN_SHARE = 0.05;
const HOUR = 3_600_000;

const PACIFIC = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function pacific(at: number) {
  const p = Object.fromEntries(PACIFIC.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The quota day `at` falls in, as YouTube counts it: the date in Pacific Time. */
export const quotaDay = (at: number): string => pacific(at).day;

/** The next midnight Pacific Time after `at` (one hour off on a DST change day is corrected). */
export function nextPacificMidnight(at: number): number {
  const p = pacific(at);
  const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (at % 1000);
  let next = at - sinceMidnight + 24 * HOUR;
  const h = pacific(next).hour;
  if (h === 23) next += HOUR;
  else if (h === 1) next -= HOUR;
  return next;
}

export interface QuotaLedgerOptions {
  repo: PlatformQuotaRepo;
  /** The Google Cloud project: its OAuth client id (sources under one project share its quota). */
  project: string;
  dailyLimit: number;
  /** How long the event runs from when watching starts: the pace that makes the quota last. */
  watchHours: number;
  /** How often the stream's health is read (its cost is taken out of the chat's share). */
  healthEveryMs: number;
  clock: Clock;
}

export function createQuotaLedger(o: QuotaLedgerOptions) {
  const startedAt = o.clock.now();
  const used = () => o.repo.used(o.project, quotaDay(o.clock.now()));
  const left = () => o.dailyLimit - used();

  /** How often the chat may be read so the quota lasts until the event ends (or the day does). */
  function chatPaceMs(): number {
    const now = o.clock.now();
    const plannedEnd = startedAt + o.watchHours * HOUR;
    const until = Math.min(now < plannedEnd ? plannedEnd : Infinity, nextPacificMidnight(now));
    const remainingMs = Math.max(60_000, until - now);
    const health = (remainingMs / o.healthEveryMs) * QUOTA_COST['liveStreams.list'];
    const forChat = left() - o.dailyLimit * MARGIN_SHARE - POST_RESERVE - health;
    const reads = forChat / QUOTA_COST['liveChatMessages.list'];
    return reads >= 1 ? Math.ceil(remainingMs / reads) : Infinity;
  }

  return {
    spend(call: QuotaCall): void {
      o.repo.spend(o.project, quotaDay(o.clock.now()), QUOTA_COST[call]);
    },
    /** A post may use the reserve; reading may not. */
    canAfford(call: QuotaCall): boolean {
      const reserve = call === 'liveChatMessages.insert' ? 0 : POST_RESERVE;
      return left() - reserve >= QUOTA_COST[call];
    },
    /** The wait before the next chat read: YouTube's pollingIntervalMillis, or longer to make the quota last. */
    chatDelayMs(platformMs: number): number {
      return Math.max(platformMs, chatPaceMs());
    },
    resetsAt: (): number => nextPacificMidnight(o.clock.now()),
    /** YouTube said the day's quota is gone (403 quotaExceeded): count it as spent, whatever our tally says. */
    markExhausted(): void {
      const missing = left();
      if (missing > 0) o.repo.spend(o.project, quotaDay(o.clock.now()), missing);
    },
    view(platformMs: number): QuotaView {
      const pollEveryMs = this.chatDelayMs(platformMs);
      const u = used();
      const resetsAt = nextPacificMidnight(o.clock.now());
      const warning =
        pollEveryMs === Infinity
          ? 'the quota left is kept for our posts: the chat is not read until the quota resets'
          : u >= o.dailyLimit * (1 - WARN_SHARE)
            ? `quota low: ${o.dailyLimit - u} of ${o.dailyLimit} units left today`
            : pollEveryMs > platformMs
              ? `the chat is read every ${Math.round(pollEveryMs / 1000)} s so the quota lasts the event`
              : undefined;
      // Not read until the reset: the next read is then.
      const every = Number.isFinite(pollEveryMs) ? pollEveryMs : resetsAt - o.clock.now();
      return { used: u, limit: o.dailyLimit, resetsAt, pollEveryMs: every, ...(warning ? { warning } : {}) };
    },
  };
}
export type QuotaLedger = ReturnType<typeof createQuotaLedger>;
