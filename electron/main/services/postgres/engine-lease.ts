/**
 * The lease on one event's incident engine and deadline timers, so they run on exactly one console of the team:
 * a PostgreSQL session-level advisory lock, held on a connection of its own. PostgreSQL lets it go the moment
 * that connection ends — the console quit, was killed, or its machine vanished (TCP keepalives, set short for
 * this session, make a silent network cut count within seconds) — and the next console that asks gets it.
 *
 * Each take-over counts one more epoch in `team_leases`; the holder's writes carry its epoch, and the team
 * database refuses those of an older one, so a console that lost the lease without knowing cannot overwrite what
 * its successor wrote.
 *
 * A holder that loses the database keeps the engine running (it still watches the event; nobody else can take
 * over while the database is away) and asks for the lease again the moment it is back; the consoles that were
 * on standby wait `graceMs` after their own reconnect before they ask, so the engine stays where it was
 * unless its console is gone.
 */
import pg from 'pg';
import type { Clock, Disposable } from '../../../../shared/clock';
import { messageOf } from '../../../../shared/error-message';
import { teamConnectionConfig } from './connect';

export interface LeaseState {
  /** This console runs the engine. */
  held: boolean;
  /** The take-over count the holder writes under; undefined until the team database confirmed the lease. */
  epoch?: number;
  /** The lease's connection is up. A holder without it keeps running, unconfirmed. */
  connected: boolean;
}

export interface EngineLease {
  state(): LeaseState;
  /** Gives the lease back (if held) and stops asking. */
  close(): Promise<void>;
}

export interface EngineLeaseOptions {
  url: string;
  /** What the lease is for, e.g. the event's session id; consoles asking with the same key compete. */
  key: string;
  /** Names this console in team_leases. */
  holder: string;
  clock: Clock;
  /** How often a console without the lease asks for it, and the holder checks its connection (default 1 s). */
  retryMs?: number;
  /** How long a console that was on standby waits after a reconnect before asking (default 3 × retryMs). */
  graceMs?: number;
  onChange(state: LeaseState): void;
  log?: (line: string) => void;
}

/** Server-side keepalives for the lease's session: a holder cut off from the network loses it within ~8 s. */
const KEEPALIVES = 'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3';
const NEXT_EPOCH = `INSERT INTO team_leases (key, epoch, holder, since) VALUES ($1, 1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET epoch = team_leases.epoch + 1, holder = EXCLUDED.holder, since = EXCLUDED.since
  RETURNING epoch`;

export function holdEngineLease(o: EngineLeaseOptions): EngineLease {
  const retryMs = o.retryMs ?? 1000;
  const graceMs = o.graceMs ?? 3 * retryMs;
  let client: pg.Client | undefined;
  let state: LeaseState = { held: false, connected: false };
  let closed = false;
  let timer: Disposable | undefined;
  /** A standby that reconnected asks only after this time. */
  let asksFrom = 0;
  let connectedBefore = false;

  const set = (next: LeaseState) => {
    if (next.held === state.held && next.epoch === state.epoch && next.connected === state.connected) return;
    state = next;
    o.onChange(state);
  };

  const drop = (why: string) => {
    const c = client;
    if (!c) return;
    client = undefined;
    o.log?.(
      `engine lease for ${o.key}: connection lost (${why})${state.held ? '; the engine keeps running here' : ''}`,
    );
    set({ held: state.held, connected: false });
    c.end().catch(() => undefined);
  };

  async function connect(): Promise<pg.Client> {
    // The team's TLS settings too (connect.ts): the lease's session is no less the team database's.
    const c = new pg.Client({ ...teamConnectionConfig(o.url), connectionTimeoutMillis: 5000 });
    c.on('error', (err) => client === c && drop(err.message));
    c.on('end', () => client === c && drop('connection closed'));
    await c.connect();
    await c.query(KEEPALIVES);
    return c;
  }

  async function step(): Promise<void> {
    if (!client) {
      const c = await connect();
      if (closed) return void (await c.end());
      // A standby back from an outage gives the holder a head start; a holder asks at once, below.
      if (!state.held) asksFrom = connectedBefore ? o.clock.now() + graceMs : 0;
      connectedBefore = true;
      client = c;
    }
    if (state.held && state.epoch !== undefined) {
      await client.query('SELECT 1');
      return;
    }
    if (!state.held && o.clock.now() < asksFrom) return;
    const c = client;
    const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [o.key]);
    if (closed || client !== c) return;
    if (!r.rows[0]?.ok) {
      if (state.held) o.log?.(`engine lease for ${o.key}: another console took the engine over while we were away`);
      return set({ held: false, connected: true });
    }
    const epoch = (await c.query<{ epoch: number }>(NEXT_EPOCH, [o.key, o.holder, o.clock.now()])).rows[0].epoch;
    set({ held: true, epoch: Number(epoch), connected: true });
  }

  function loop(): void {
    step()
      .catch((err: unknown) => drop(messageOf(err)))
      .finally(() => {
        if (!closed) timer = o.clock.setTimer(retryMs, loop);
      });
  }
  loop();

  return {
    state: () => state,
    async close() {
      closed = true;
      timer?.dispose();
      const c = client;
      client = undefined;
      set({ held: false, connected: false });
      // Ending the session gives the lock back; no unlock call needed, and none can be forgotten.
      await c?.end().catch(() => undefined);
    },
  };
}
