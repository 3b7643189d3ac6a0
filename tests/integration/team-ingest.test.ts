/**
 * What three consoles watching one source ingest, copied to one real PostgreSQL (each console with its own
 * SQLite, ingest and connection pool, as on three machines): every message and sample is stored once, by one
 * of them; PostgreSQL stopped while messages keep coming loses nothing and stores nothing twice once it is
 * back, also past a console's queue bound (read back from its SQLite); hostile text cannot jam the queue.
 * The log reports the copy's throughput into PostgreSQL, for one console and for three on the same rows.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  teamIngestCopy,
  TEAM_INGEST_RETRY_MS,
  type TeamIngestCopy,
} from '../../electron/main/services/team/team-ingest';
import type { Ingest } from '../../electron/main/services/ingest/ingest';
import { openTeamDatabase } from '../../electron/main/services/postgres/connect';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { ingestConsole, simulatedSession } from '../support/ingest-console';
import { onairInProcess } from '../support/onair-in-process';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Console {
  name: string;
  ingest: Ingest;
  copy: TeamIngestCopy;
  logged: string[];
}

/** `n` consoles on one fresh team database, started together (the migrations run once among them). */
async function team(n: number, o: { maxQueued?: (number | undefined)[] } = {}) {
  const url = await peer.database();
  const clock = fakeClock();
  const consoles = await Promise.all(
    Array.from({ length: n }, async (_, i): Promise<Console> => {
      const name = `console-${String.fromCharCode(65 + i)}`;
      const logged: string[] = [];
      const log = (line: string) => logged.push(line);
      const { ingest, live, db } = ingestConsole(clock);
      const database = await openTeamDatabase({ url });
      const copy = teamIngestCopy({
        pool: database.pool,
        consoleId: name,
        local: live,
        markOwn: ingest.markOwn,
        clock,
        onWaiting: () => undefined,
        log,
        maxQueued: o.maxQueued?.[i],
      });
      ingest.addListener(copy.listener);
      cleanup.push(async () => {
        await copy.close();
        await database.close();
        ingest.dispose();
        db.close();
      });
      return { name, ingest, copy, logged };
    }),
  );
  const sql = new pg.Pool({ connectionString: url, max: 1 });
  sql.on('error', () => undefined); // the outage test stops the server under it
  cleanup.push(() => sql.end());
  const count = async (table: string) =>
    Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  /** Every console's ingest stores what it holds and its copy writes it: until nothing waits anywhere. */
  const drain = () =>
    poll(
      async () => {
        for (const c of consoles) c.ingest.flush();
        clock.advance(TEAM_INGEST_RETRY_MS); // past any retry a failed write scheduled
        await Promise.all(consoles.map((c) => c.copy.flush()));
        return consoles.every((c) => c.copy.waiting() === 0);
      },
      { what: () => `waiting: ${consoles.map((c) => c.copy.waiting()).join(', ')}` },
    );
  return { clock, consoles, sql, count, drain };
}

/** Feeds every console messages [from, to) and their health samples, as one source sends them to all. */
function feed(consoles: Console[], clock: FakeClock, s: ReturnType<typeof simulatedSession>, from: number, to: number) {
  for (let i = from; i < to; i += 50) {
    const chunk = Array.from({ length: Math.min(50, to - i) }, (_, k) => s.message(i + k));
    for (const c of consoles) {
      c.ingest.chat(chunk);
      c.ingest.health(s.sample(i / 50));
    }
    clock.advance(100);
  }
}

describe('team ingest on PostgreSQL', () => {
  it('stores the chat and health three consoles ingest from one source once, each row by one console', async () => {
    const { clock, consoles, sql, count, drain } = await team(3);
    const s = simulatedSession(clock.now());
    for (const c of consoles) c.ingest.hello(s.hello);
    for (let round = 0; round < 6; round++) {
      feed(consoles, clock, s, round * 500, round * 500 + 500);
      await Promise.all(consoles.map((c) => c.copy.flush())); // the three write the same rows at once
    }
    const endedAt = clock.now();
    for (const c of consoles) c.ingest.ended(endedAt);
    await drain();

    expect(await count('team_chat')).toBe(3000);
    expect(await count('team_health')).toBe(60);
    const sessions = await sql.query<{ id: string; source: string; ended_at: number | null }>(
      'SELECT id, source, ended_at FROM team_sessions',
    );
    expect(sessions.rows).toEqual([{ id: s.sessionId, source: 'sim', ended_at: String(endedAt) }]);
    // Each row was new to exactly one console, and that console is the one named as its storer.
    const byConsole = await sql.query<{ stored_by: string; n: string }>(
      'SELECT stored_by, count(*) AS n FROM team_chat GROUP BY stored_by',
    );
    const stored = Object.fromEntries(byConsole.rows.map((r) => [r.stored_by, Number(r.n)]));
    for (const c of consoles) expect(c.copy.stats().chat).toBe(stored[c.name] ?? 0);
    expect(consoles.reduce((n, c) => n + c.copy.stats().chat, 0)).toBe(3000);
    expect(consoles.reduce((n, c) => n + c.copy.stats().health, 0)).toBe(60);
    expect(consoles.reduce((n, c) => n + c.copy.stats().sessions, 0)).toBe(1);
    expect(consoles.map((c) => c.copy.stats().refused)).toEqual([0, 0, 0]); // a conflict is not a refusal
    const first = await sql.query('SELECT author, text, ts FROM team_chat WHERE source_id = $1', ['m7']);
    expect(first.rows).toEqual([{ author: 'viewer 0', text: 'message 7', ts: String(s.message(7).ts) }]);
  });

  it('marks our own post as ours, whichever console stored it first', async () => {
    const { clock, consoles, sql, drain } = await team(2);
    const [viewer, poster] = consoles;
    const s = simulatedSession(clock.now());
    poster.ingest.ownPost('m2');
    poster.ingest.ownPost('m7');
    for (const c of consoles) c.ingest.hello(s.hello);
    const send = (c: Console, from: number, to: number) =>
      c.ingest.chat(Array.from({ length: to - from }, (_, k) => s.message(from + k)));
    send(viewer, 0, 5); // m2 is stored first by a console that cannot know it is ours
    await drain();
    send(poster, 0, 10); // m7 is stored first by the poster
    await drain();
    send(viewer, 5, 10);
    await drain();
    const own = await sql.query<{ source_id: string; stored_by: string }>(
      'SELECT source_id, stored_by FROM team_chat WHERE own ORDER BY ts',
    );
    expect(own.rows).toEqual([
      { source_id: 'm2', stored_by: viewer.name },
      { source_id: 'm7', stored_by: poster.name },
    ]);
    expect([viewer.copy.stats().chat, poster.copy.stats().chat]).toEqual([5, 5]);
  });

  it('loses nothing and stores nothing twice when PostgreSQL is stopped while messages keep coming', async () => {
    // Console C's queue holds 300 rows: the rest of the outage is read back from its SQLite.
    const { clock, consoles, sql, count, drain } = await team(3, { maxQueued: [undefined, undefined, 300] });
    const s = simulatedSession(clock.now());
    for (const c of consoles) c.ingest.hello(s.hello);
    feed(consoles, clock, s, 0, 1000);
    await drain();

    peer.stop();
    try {
      feed(consoles, clock, s, 1000, 3000);
      await Promise.all(consoles.map((c) => c.copy.flush()));
      expect(consoles.map((c) => c.copy.waiting())).toEqual([2040, 2040, 2040]);
      for (const c of consoles) expect(c.logged.join('\n')).toMatch(/2040 ingested rows wait for the team database/);
      expect(consoles[2].logged.join('\n')).toMatch(/read back from this console's store/);
    } finally {
      peer.start();
    }
    feed(consoles, clock, s, 3000, 3500); // the source goes on as the database comes back
    await drain();

    expect(await count('team_chat')).toBe(3500);
    expect(await count('team_health')).toBe(70);
    const ids = await sql.query<{ source_id: string }>('SELECT source_id FROM team_chat ORDER BY ts');
    expect(ids.rows.map((r) => r.source_id)).toEqual(Array.from({ length: 3500 }, (_, i) => `m${i}`));
    expect(consoles.reduce((n, c) => n + c.copy.stats().chat, 0)).toBe(3500);
    expect(consoles[2].copy.stats().backfilled).toBeGreaterThan(0);
    for (const c of consoles) expect(c.logged.join('\n')).toMatch(/answers again/);
  });

  it('stores text PostgreSQL would refuse with the characters replaced, counted, and the queue keeps flowing', async () => {
    const { clock, consoles, sql, drain } = await team(1);
    const [c] = consoles;
    const s = simulatedSession(clock.now());
    c.ingest.hello(s.hello);
    c.ingest.chat([
      { ...s.message(0), text: 'non si sente\0\0 niente', author: 'nul\0author' },
      { ...s.message(1), id: 'id-with-\0-nul' },
      s.message(2),
    ]);
    c.ingest.health({ ...s.sample(0), platformIssues: ['bad\0issue', 'lone \uD800 surrogate'] });
    clock.advance(100);
    await drain();

    const rows = await sql.query<{ source_id: string; author: string; text: string }>(
      'SELECT source_id, author, text FROM team_chat ORDER BY ts',
    );
    expect(rows.rows).toEqual([
      { source_id: 'm0', author: 'nul\uFFFDauthor', text: 'non si sente\uFFFD\uFFFD niente' },
      { source_id: 'id-with-\uFFFD-nul', author: 'viewer 1', text: 'message 1' },
      { source_id: 'm2', author: 'viewer 2', text: 'message 2' },
    ]);
    const health = await sql.query<{ sample: { platformIssues: string[] } }>('SELECT sample FROM team_health');
    expect(health.rows[0].sample.platformIssues).toEqual(['bad\uFFFDissue', 'lone \uFFFD surrogate']);
    expect(c.copy.stats()).toMatchObject({ chat: 3, health: 1, repaired: 5, refused: 0 });

    // A row PostgreSQL refuses anyway (no source sends a fractional time stamp past ingest) is set aside
    // alone: the rows around it are stored.
    const session = c.ingest.session()!;
    c.copy.listener.onChat?.([s.message(3), { ...s.message(4), ts: s.message(4).ts + 0.5 }, s.message(5)], session);
    await drain();
    const after = await sql.query<{ source_id: string }>('SELECT source_id FROM team_chat ORDER BY ts');
    expect(after.rows.map((r) => r.source_id)).toEqual(['m0', 'id-with-\uFFFD-nul', 'm2', 'm3', 'm5']);
    expect(c.copy.stats().refused).toBe(1);
    expect(c.logged.join('\n')).toMatch(/refused an ingested chat row \(invalid input syntax for type bigint/);
  });

  it('is wired into every console started with the team database', async () => {
    const url = await peer.database();
    const started = await Promise.all([0, 1].map(() => onairInProcess({ database: url })));
    cleanup.push(() => Promise.all(started.map(({ onair }) => onair.close())));
    const s = simulatedSession(Date.now());
    for (const { onair } of started) {
      onair.ingest.hello(s.hello);
      onair.ingest.chat([s.message(0), s.message(1), s.message(2)]);
    }
    const sql = new pg.Pool({ connectionString: url, max: 1 });
    cleanup.push(() => sql.end());
    const rows = await poll(
      async () => (await sql.query<{ source_id: string }>('SELECT source_id FROM team_chat ORDER BY ts')).rows,
      { until: (r) => r.length === 3, what: 'three messages in team_chat' },
    );
    expect(rows.map((r) => r.source_id)).toEqual(['m0', 'm1', 'm2']);
  });

  it('reports the copy throughput into PostgreSQL, for one console and for three on the same rows', async () => {
    const rows = { chat: 20_000, health: 2_000 };
    const measure = async (n: number) => {
      const { clock, consoles, count } = await team(n);
      const s = simulatedSession(clock.now());
      for (const c of consoles) c.ingest.hello(s.hello);
      await Promise.all(consoles.map((c) => c.copy.flush())); // the session row, not timed
      const session = consoles[0].ingest.session()!;
      const chat = Array.from({ length: rows.chat }, (_, i) => s.message(i));
      const health = Array.from({ length: rows.health }, (_, i) => s.sample(i));
      const t0 = performance.now();
      for (const c of consoles) {
        c.copy.listener.onHealth?.(health, session);
        c.copy.listener.onChat?.(chat, session);
      }
      await Promise.all(consoles.map((c) => c.copy.flush()));
      const seconds = (performance.now() - t0) / 1000;
      expect(await count('team_chat')).toBe(rows.chat);
      expect(await count('team_health')).toBe(rows.health);
      return seconds;
    };
    const total = rows.chat + rows.health;
    const one = await measure(1);
    const three = await measure(3);
    console.log(
      `team-ingest throughput: one console ${Math.round(total / one)} rows/s (${total} rows in ${one.toFixed(2)} s); ` +
        `three consoles on the same rows ${Math.round(total / three)} distinct rows/s, ` +
        `${Math.round((3 * total) / three)} rows offered/s (${3 * total} rows in ${three.toFixed(2)} s)`,
    );
  });
});
