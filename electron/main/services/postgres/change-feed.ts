/**
 * The outbox's change feed across consoles: LISTEN on `onair_outbox`, which a trigger of the team database
 * notifies with an entry's id whenever the entry changes (migrations/0001-outbox.ts). Changes this console made
 * itself arrive too; a listener re-reads the entry, so a change seen twice costs one read.
 *
 * LISTEN needs a session of its own, so the feed holds a dedicated client, outside the pool. When its
 * connection drops (PostgreSQL restarted, network cut) it reconnects with a growing delay. Whatever changed
 * while it was not listening was announced to nobody, so `onListening` tells the caller each time it starts
 * listening (the first time too), and the caller re-reads what it shows.
 */
import pg from 'pg';
import type { Clock, Disposable } from '../../../../shared/clock';
import { systemClock } from '../clock';

const CHANNEL = 'onair_outbox';
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export interface OutboxFeedOptions {
  /** Called each time LISTEN is in place: after the first connect and after every reconnect. */
  onListening?: () => void;
  log?: (line: string) => void;
  clock?: Clock;
}

export interface OutboxFeed {
  close(): Promise<void>;
}

export function watchOutbox(
  url: string,
  listener: (id: number) => void,
  { onListening, log, clock = systemClock }: OutboxFeedOptions = {},
): OutboxFeed {
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
    log?.(`outbox feed: connection lost (${why}); reconnecting`);
    c.end().catch(() => undefined);
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    c.on('notification', (n) => {
      const id = Number(n.payload);
      if (n.channel !== CHANNEL || !Number.isSafeInteger(id)) return;
      try {
        listener(id);
      } catch (error) {
        // Thrown inside pg's message parsing, it would break the connection; report it instead.
        log?.(`outbox feed: listener failed on entry ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    c.on('error', (error) => drop(c, error.message));
    c.on('end', () => drop(c, 'ended'));
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      drop(c, error instanceof Error ? error.message : String(error));
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
