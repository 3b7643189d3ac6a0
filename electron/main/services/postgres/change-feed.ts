/**
 * What the other consoles of the team changed, as PostgreSQL announces it: LISTEN on the channels the team
 * database's triggers notify, in the writing transaction — `onair_outbox` with an outbox entry's id
 * (migrations/0001-outbox.ts), `onair_team` with `incident:<id>`, `round:<incident id>`, `command:<id>` or `reply:<id>`
 * (migrations/0002-team-engine.ts). Changes this console made itself arrive too; a listener re-reads what
 * changed, so a change seen twice costs one read.
 *
 * LISTEN needs a session of its own, so the feed holds a dedicated client, outside the pool. When its
 * connection drops (PostgreSQL restarted, network cut) it reconnects with a growing delay. Whatever changed
 * while it was not listening was announced to nobody, so `onListening` tells the caller each time it starts
 * listening (the first time too), and the caller re-reads what it shows.
 */
import pg from 'pg';
import type { Clock, Disposable } from '../../../../shared/clock';
import { systemClock } from '../clock';
import { connectionProblem, teamConnectionConfig } from './connect';
import { messageOf } from '../../../../shared/error-message';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/** One listener per channel: the outbox's (an entry's id) and the team's incidents (`incident:<id>`, `round:<id>`). */
export interface TeamFeedListeners {
  outbox?: (id: number) => void;
  team?: (change: string) => void;
}
const CHANNELS = { outbox: 'onair_outbox', team: 'onair_team' } as const;

export interface TeamFeedOptions {
  /** Called each time LISTEN is in place: after the first connect and after every reconnect. */
  onListening?: () => void;
  /** Called when the connection is lost (or the first connect fails), with why; a reconnect follows. */
  onLost?: (why: string) => void;
  log?: (line: string) => void;
  clock?: Clock;
}

export interface TeamFeed {
  close(): Promise<void>;
}

export function watchTeamFeed(
  url: string,
  listeners: TeamFeedListeners,
  { onListening, onLost, log, clock = systemClock }: TeamFeedOptions = {},
): TeamFeed {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: Disposable | undefined;
  let delay = FIRST_RETRY_MS;

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = clock.setTimer(delay, () => {
      retry = undefined;
      void connect();
    });
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  };

  const drop = (c: pg.Client, why: string) => {
    if (client !== c) return;
    client = undefined;
    log?.(`team feed: connection lost (${why}); reconnecting`);
    onLost?.(why);
    c.end().catch(() => undefined);
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    let c: pg.Client;
    try {
      // Reads sslrootcert & co. each time, and throws when they are missing: a reason to retry, not to crash.
      c = new pg.Client(teamConnectionConfig(url));
    } catch (error) {
      log?.(`team feed: cannot connect: ${connectionProblem(error)}`);
      onLost?.(connectionProblem(error));
      return scheduleReconnect();
    }
    c.on('notification', (n) => {
      try {
        if (n.channel === CHANNELS.outbox) {
          const id = Number(n.payload);
          if (Number.isSafeInteger(id)) listeners.outbox?.(id);
        } else if (n.channel === CHANNELS.team && n.payload) listeners.team?.(n.payload);
      } catch (error) {
        // Thrown inside pg's message parsing, it would break the connection; report it instead.
        log?.(`team feed: listener failed on ${n.channel} ${n.payload}: ${messageOf(error)}`);
      }
    });
    c.on('error', (error) => drop(c, error.message));
    c.on('end', () => drop(c, 'ended'));
    client = c;
    try {
      await c.connect();
      for (const key of ['outbox', 'team'] as const) if (listeners[key]) await c.query(`LISTEN ${CHANNELS[key]}`);
    } catch (error) {
      drop(c, connectionProblem(error));
      return;
    }
    if (closed) return void c.end().catch(() => undefined);
    delay = FIRST_RETRY_MS;
    onListening?.();
  }

  void connect();
  return {
    async close() {
      closed = true;
      retry?.dispose();
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
