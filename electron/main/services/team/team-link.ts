/**
 * A console's connections to its team database, shared by every event it watches (desk/desk-host.ts): one
 * pool for the queries and one change feed, whose announcements go to each workspace. Per workspace, only the
 * engine lease keeps a connection of its own (an advisory lock belongs to a session). Without the sharing,
 * twenty events on three consoles needed some 260 connections, past PostgreSQL's default `max_connections`.
 *
 * Opening the link brings the schema up to date, once per console whatever the number of events. The link
 * also checks this console's clock against the database's (postgres/clock-offset.ts) each time its feed
 * listens (on opening, after a reconnect) and every minute, and tells the workspaces when it is off by more than the team tolerates.
 */
import type pg from 'pg';
import type { Clock } from '../../../../shared/clock';
import { messageOf } from '../../../../shared/error-message';
import { measureClockOffset } from '../postgres/clock-offset';
import { watchTeamFeed, type TeamFeedListeners } from '../postgres/change-feed';
import { openTeamDatabase } from '../postgres/connect';

/** What one workspace hears of the feed. */
interface TeamFeedSubscriber extends TeamFeedListeners {
  /** The feed listens (again): re-read what you show, since what changed meanwhile was announced to nobody. */
  onListening(): void;
  /** The feed lost its connection, with why; a reconnect follows. */
  onLost(why: string): void;
  /** This console's clock is off the database's by `offsetMs` (server minus console), or no longer (undefined). */
  onClockOff?(offsetMs: number | undefined): void;
}

/**
 * How far a console's clock may be off the database's. Consoles judge each other's claims by their own clocks:
 * a console ahead by more than the unrenewed part of a claim's lease (two thirds of its 3 s) would take a live
 * claim for expired. Well inside that, and far above what NTP leaves (milliseconds).
 */
export const TEAM_CLOCK_TOLERANCE_MS = 1000;
const CLOCK_CHECK_MS = 60_000;

export interface TeamLink {
  /** The team database's connection string (with its password: never for display). */
  url: string;
  pool: pg.Pool;
  /**
   * Tells `subscriber` what the feed hears from now on; told at once whether the feed listens or why not.
   * Returns how to stop.
   */
  subscribe(subscriber: TeamFeedSubscriber): () => void;
  close(): Promise<void>;
}

type FeedStatus = { listening: true } | { listening: false; why?: string };

export async function openTeamLink(o: { url: string; clock: Clock; log: (line: string) => void }): Promise<TeamLink> {
  const db = await openTeamDatabase({ url: o.url, now: o.clock.now, log: o.log });
  const subscribers = new Set<TeamFeedSubscriber>();
  let status: FeedStatus = { listening: false };
  let clockOff: number | undefined;
  let closed = false;

  /** A subscriber that throws does not keep the news from the others. */
  const safely = (s: TeamFeedSubscriber, f: (s: TeamFeedSubscriber) => void) => {
    try {
      f(s);
    } catch (error) {
      o.log(`team feed: a listener failed: ${messageOf(error)}`);
    }
  };
  const each = (f: (s: TeamFeedSubscriber) => void) => [...subscribers].forEach((s) => safely(s, f));
  const tell = (s: TeamFeedSubscriber) => {
    if (status.listening) s.onListening();
    else if (status.why !== undefined) s.onLost(status.why);
    if (clockOff !== undefined) s.onClockOff?.(clockOff);
  };

  const checkClock = async () => {
    try {
      const { offsetMs, roundTripMs } = await measureClockOffset(db.pool, o.clock.now);
      // Only what the round trip cannot explain counts against the clock; told in tenths of a second, so
      // that the jitter of each measure is not news.
      const off =
        Math.abs(offsetMs) - roundTripMs / 2 > TEAM_CLOCK_TOLERANCE_MS ? Math.round(offsetMs / 100) * 100 : undefined;
      if (closed || off === clockOff) return;
      o.log(
        off === undefined
          ? `team database: this console's clock agrees with the database's again`
          : `team database: this console's clock is ${Math.abs(off)} ms ${off > 0 ? 'behind' : 'ahead of'} the database's`,
      );
      clockOff = off;
      each((s) => s.onClockOff?.(off));
    } catch {
      // The database is away: the feed says so, and the next check (or reconnect) measures again.
    }
  };
  // The first check is the feed's first onListening.
  let clockTimer = o.clock.setTimer(CLOCK_CHECK_MS, function check() {
    void checkClock();
    clockTimer = o.clock.setTimer(CLOCK_CHECK_MS, check);
  });

  const feed = watchTeamFeed(
    o.url,
    { outbox: (id) => each((s) => s.outbox?.(id)), team: (change) => each((s) => s.team?.(change)) },
    {
      clock: o.clock,
      log: o.log,
      onListening: () => {
        status = { listening: true };
        each(tell);
        void checkClock(); // after a reconnect: the machine may have slept, or its clock been set
      },
      onLost: (why) => {
        status = { listening: false, why };
        each(tell);
      },
    },
  );

  return {
    url: o.url,
    pool: db.pool,
    subscribe(subscriber) {
      subscribers.add(subscriber);
      // After the caller's own set-up, as a feed connecting for it alone would have.
      queueMicrotask(() => subscribers.has(subscriber) && safely(subscriber, tell));
      return () => void subscribers.delete(subscriber);
    },
    async close() {
      closed = true;
      clockTimer.dispose();
      subscribers.clear();
      await feed.close();
      await db.close();
    },
  };
}
