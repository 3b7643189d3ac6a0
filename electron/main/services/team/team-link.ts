/**
 * A console's connections to its team database, shared by every event it watches (desk/desk-host.ts): one
 * pool for the queries and one change feed, whose announcements go to each workspace. Per workspace, only the
 * engine lease keeps a connection of its own (an advisory lock belongs to a session). Without the sharing,
 * twenty events on three consoles needed some 260 connections, past PostgreSQL's default `max_connections`.
 *
 * Opening the link brings the schema up to date, once per console whatever the number of events.
 */
import type pg from 'pg';
import type { Clock } from '../../../../shared/clock';
import { messageOf } from '../../../../shared/error-message';
import { watchTeamFeed, type TeamFeedListeners } from '../postgres/change-feed';
import { openTeamDatabase } from '../postgres/connect';

/** What one workspace hears of the feed. */
interface TeamFeedSubscriber extends TeamFeedListeners {
  /** The feed listens (again): re-read what you show, since what changed meanwhile was announced to nobody. */
  onListening(): void;
  /** The feed lost its connection, with why; a reconnect follows. */
  onLost(why: string): void;
}

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
  };

  const feed = watchTeamFeed(
    o.url,
    { outbox: (id) => each((s) => s.outbox?.(id)), team: (change) => each((s) => s.team?.(change)) },
    {
      clock: o.clock,
      log: o.log,
      onListening: () => {
        status = { listening: true };
        each(tell);
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
      subscribers.clear();
      await feed.close();
      await db.close();
    },
  };
}
