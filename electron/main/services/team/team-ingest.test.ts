import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../../shared/types';
import { join } from 'node:path';
import { fakeClock, type FakeClock } from '../../../../tests/support/fake-clock';
import { tempDir } from '../../../../tests/support/temp-dir';
import { ingestConsole, simulatedSession } from '../../../../tests/support/ingest-console';
import type { IngestWriteResult, TeamIngestRow } from '../postgres/team-ingest-store';
import { copyIngestToTeam, TEAM_INGEST_FLUSH_MS, TEAM_INGEST_RETRY_MS } from './team-ingest';

/** The team database's keys and its ON CONFLICT DO NOTHING, in memory; `down` is the database away. */
function teamDatabase() {
  const chat = new Map<string, ChatMessage>();
  /** When the console that stored each message first said it received it. */
  const received = new Map<string, number>();
  const health = new Set<string>();
  const sessions = new Map<string, number | undefined>();
  /** Rows per write attempt, counted when the write is sent. */
  const attempts: number[] = [];
  /** The chat ids in the order they were first stored. */
  const order: string[] = [];
  const db = {
    chat,
    received,
    health,
    sessions,
    attempts,
    order,
    down: false,
    write(rows: readonly TeamIngestRow[]): Promise<IngestWriteResult> {
      attempts.push(rows.length);
      if (db.down)
        return Promise.reject(
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
        );
      if (rows.some((r) => r.kind === 'chat' && r.message.text === 'poison'))
        return Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8"'), { code: '22021' }));
      const n = { sessions: 0, chat: 0, health: 0, repaired: 0 };
      for (const r of rows) {
        if (r.kind === 'session') {
          if (!sessions.has(r.session.id)) n.sessions++;
          sessions.set(r.session.id, sessions.get(r.session.id) ?? r.session.endedAt);
        } else if (r.kind === 'chat' && !chat.has(r.message.id)) {
          chat.set(r.message.id, r.message);
          received.set(r.message.id, r.receivedAt);
          order.push(r.message.id);
          n.chat++;
        } else if (r.kind === 'health' && !health.has(`${r.sample.source}/${r.sample.ts}`)) {
          health.add(`${r.sample.source}/${r.sample.ts}`);
          n.health++;
        }
      }
      return Promise.resolve(n);
    },
  };
  return db;
}

/** A console's ingest on SQLite (`file`, else in memory) and its copy to `team`, watching session `s`. */
function startConsole(
  clock: FakeClock,
  team: ReturnType<typeof teamDatabase>,
  o: { maxQueued?: number; file?: string } = {},
) {
  const { ingest, live, db } = ingestConsole(clock, o.file);
  const told: number[] = [];
  const logged: string[] = [];
  const copy = copyIngestToTeam({
    store: team,
    local: live,
    markOwn: ingest.markOwn,
    clock,
    onWaiting: (n) => told.push(n),
    log: (line) => logged.push(line),
    maxQueued: o.maxQueued,
  });
  ingest.addListener(copy.listener);
  const s = simulatedSession(T0);
  ingest.hello(s.hello);
  /** Messages [from, to) arrive and ingest stores them (its 100 ms tick). */
  const chat = (from: number, to: number) => {
    ingest.chat(Array.from({ length: to - from }, (_, k) => s.message(from + k)));
    clock.advance(100);
  };
  return { db, live, ingest, copy, told, logged, s, chat };
}

function setup(o: { maxQueued?: number } = {}) {
  const clock = fakeClock();
  const team = teamDatabase();
  return { clock, team, ...startConsole(clock, team, o) };
}

const T0 = fakeClock().now();
/** The fake database answers at once: its replies, and what the copy does next, are settled by then. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `m${from + k}`);

describe('copying ingest to the team database', () => {
  it(`writes a batch every ${TEAM_INGEST_FLUSH_MS} ms, or at once when 500 rows wait`, async () => {
    const { clock, team, copy, chat } = setup();
    chat(0, 10); // at +100 ms, behind the session's row queued at 0: written at +250 ms
    clock.advance(TEAM_INGEST_FLUSH_MS - 100 - 1);
    expect(team.attempts).toEqual([]);
    clock.advance(1);
    expect(team.attempts).toEqual([11]); // the session and its 10 messages
    await settled();
    chat(10, 610);
    expect(team.attempts).toEqual([11, 500]); // no wait for the timer
    await settled();
    expect(team.attempts).toEqual([11, 500, 100]);
    expect(team.order).toEqual(ids(0, 610));
    expect(copy.stats()).toMatchObject({ sessions: 1, chat: 610, refused: 0, backfilled: 0 });
  });

  it('keeps rows in order while the database is away, says how many, and sends each once when it is back', async () => {
    const { clock, ingest, team, copy, told, logged, s, chat } = setup();
    team.down = true;
    for (let i = 0; i < 50; i++) {
      ingest.health(s.sample(i));
      chat(i * 10, i * 10 + 10);
      await settled(); // each write attempt settles before the next step
    }
    // 5 s of data flowing: one attempt at the first tick, then one a second, not one per arrival.
    expect(team.attempts.length).toBeLessThanOrEqual(1 + 5000 / TEAM_INGEST_RETRY_MS + 1);
    expect(copy.waiting()).toBe(1 + 500 + 50);
    expect(told.at(-1)).toBe(1 + 500 + 50);
    expect(logged.filter((l) => l.includes('wait for the team database'))).toHaveLength(1);
    team.down = false;
    clock.advance(TEAM_INGEST_RETRY_MS);
    await settled();
    expect(team.order).toEqual(ids(0, 500));
    expect(team.health.size).toBe(50);
    expect(copy.waiting()).toBe(0);
    expect(told.at(-1)).toBe(0);
    expect(logged.at(-1)).toMatch(/answers again/);
  });

  it('past its bound, reads the rest of the session back from the local store: nothing lost, in order', async () => {
    const { clock, ingest, team, copy, logged, chat, live } = setup({ maxQueued: 50 });
    team.down = true;
    ingest.ownPost('m250'); // our own post: its row is marked, though read back from SQLite
    for (let i = 0; i < 30; i++) {
      chat(i * 10, i * 10 + 10);
      await settled();
    }
    expect(copy.waiting()).toBe(301);
    expect(logged.some((l) => l.includes("read back from this console's store"))).toBe(true);
    team.down = false;
    clock.advance(TEAM_INGEST_RETRY_MS);
    await settled();
    expect(team.order).toEqual(ids(0, 300));
    expect(team.chat.get('m250')?.own).toBe(true);
    // Read back, each keeps the time this console received it, not the time it was read back.
    const local = live.chatReceivedBetween(ingest.session()!.id, 0, Number.MAX_SAFE_INTEGER);
    expect(new Map(local.map((c) => [c.message.id, c.receivedAt]))).toEqual(team.received);
    expect(new Set(team.received.values()).size).toBe(30);
    expect(copy.stats().backfilled).toBeGreaterThanOrEqual(300 - 50);
    expect(copy.waiting()).toBe(0);
    // The gap is filled: new messages are queued again, not read back.
    chat(300, 310);
    clock.advance(TEAM_INGEST_FLUSH_MS);
    await settled();
    expect(team.order).toEqual(ids(0, 310));
    expect(copy.stats().backfilled).toBeLessThan(300);
  });

  it('after a restart mid-event, copies what the local store holds and the queue lost', async () => {
    const clock = fakeClock();
    const team = teamDatabase();
    const file = join(tempDir(), 'onair.sqlite');
    team.down = true;
    const before = startConsole(fakeClock(), team, { file }); // a clock of its own: its timers die with it
    for (let i = 0; i < 10; i++) before.chat(i * 10, i * 10 + 10);
    await settled();
    expect(before.copy.waiting()).toBe(101);
    before.db.close(); // the console dies with its queue
    team.down = false;

    const after = startConsole(clock, team, { file }); // the same run's hello again: the same session
    expect(after.logged).toEqual([expect.stringMatching(/copying again what this console stored of sim\/calm/)]);
    const reads = vi.spyOn(after.live, 'chatReceivedBetween');
    after.chat(100, 110);
    clock.advance(TEAM_INGEST_FLUSH_MS);
    await settled();
    expect(team.order).toEqual(ids(0, 110));
    expect(after.copy.waiting()).toBe(0);
    // The day before the start the time window allows is read in doubling steps, not 8,640 of 10 s.
    expect(reads.mock.calls.length).toBeLessThan(20);
  });

  it('sets a row the database refuses for its content aside alone, and the rest go on', async () => {
    const { clock, ingest, team, copy, logged, s } = setup();
    ingest.chat([...[0, 1, 2].map((i) => s.message(i)), s.message(3, 'poison'), ...[4, 5, 6].map((i) => s.message(i))]);
    clock.advance(100 + TEAM_INGEST_FLUSH_MS);
    await settled();
    expect(team.order).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6']);
    expect(copy.stats()).toMatchObject({ chat: 6, refused: 1 });
    expect(copy.waiting()).toBe(0);
    expect(logged.filter((l) => l.includes('refused'))).toHaveLength(1);
  });

  it('copies nothing ingested after it closed', async () => {
    const { clock, team, copy, chat } = setup();
    chat(0, 5);
    await copy.close();
    expect(team.order).toEqual(ids(0, 5)); // what was queued went out first
    chat(5, 10);
    clock.advance(TEAM_INGEST_FLUSH_MS);
    expect(team.order).toEqual(ids(0, 5));
    expect(clock.pending()).toBe(0);
  });
});
