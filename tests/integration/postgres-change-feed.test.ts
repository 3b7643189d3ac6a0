/**
 * The outbox's change feed across consoles on a real PostgreSQL: a change one console's store makes reaches
 * another console's watcher within a second, a lease renewal alone is not announced, and the watcher
 * listens again by itself after PostgreSQL restarts (the store's pool survives the restart too).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { watchTeamFeed, type TeamFeed } from '../../electron/main/services/postgres/change-feed';
import { openTeamDatabase, type TeamDatabase } from '../../electron/main/services/postgres/connect';
import { postgresOutboxStore } from '../../electron/main/services/postgres/outbox-store-postgres';
import type { NewOutboxEntry } from '../../electron/main/services/outbox/outbox-store';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

const T0 = 1_700_000_000_000;

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

let keys = 0;
const entry = (): NewOutboxEntry => ({
  idempotencyKey: `feed:${++keys}`,
  channel: 'slack',
  phase: 'acknowledge',
  lang: 'en',
  text: 'We hear you.',
  eventName: 'Spring Launch',
  nextAttemptAt: T0,
  createdAt: T0,
});

/** A console writing to the outbox, and another one watching it. */
async function twoConsoles() {
  const url = await peer.database();
  const log: string[] = [];
  const db: TeamDatabase = await openTeamDatabase({ url, log: (line) => log.push(`db: ${line}`) });
  cleanup.push(() => db.close());
  const store = postgresOutboxStore(db.pool, { owner: 'writer', leaseMs: 60_000 });
  const seen: number[] = [];
  let listening = 0;
  const feed: TeamFeed = watchTeamFeed(
    url,
    { outbox: (id) => seen.push(id) },
    {
      onListening: () => listening++,
      log: (line) => log.push(`feed: ${line}`),
    },
  );
  cleanup.push(() => feed.close());
  await poll(() => listening === 1, { what: 'the feed listening' });
  return { store, seen, log, listening: () => listening };
}

/** Waits (real time: PostgreSQL is a real process) until the watcher saw `ids`, at most a second. */
const arrives = (seen: number[], ids: number[]) =>
  poll(() => seen, { until: (s) => s.length >= ids.length, timeoutMs: 1_000, what: `ids ${ids.join(', ')}` }).then(
    (s) => expect(s).toEqual(ids),
  );

describe('outbox change feed', () => {
  it("announces another console's changes within a second, but not a lease renewal", async () => {
    const { store, seen } = await twoConsoles();
    const [{ entry: e }] = await store.insertMany([entry()]);
    await arrives(seen, [e.id]);
    await store.claimNext('slack', T0);
    await arrives(seen, [e.id, e.id]);
    expect(await store.renewClaim(e.id, T0 + 1)).toBe(true);
    const [{ entry: f }] = await store.insertMany([entry()]);
    await arrives(seen, [e.id, e.id, f.id]);
    await store.markSentWithReceipt(e.id, { channel: 'slack', detail: 'HTTP 200', at: T0 + 2 }, T0 + 2);
    await arrives(seen, [e.id, e.id, f.id, e.id]);
  });

  it('listens again after PostgreSQL restarts, and says so', async () => {
    const { store, seen, log, listening } = await twoConsoles();
    const [{ entry: before }] = await store.insertMany([entry()]);
    await arrives(seen, [before.id]);
    peer.stop();
    peer.start();
    await poll(() => listening() === 2, { what: () => `the feed listening again; log: ${log.join(' | ')}` });
    const lost = new Set(log.filter((line) => line.includes('connection lost')).map((line) => line.split(':')[0]));
    expect([...lost].sort()).toEqual(['db', 'feed']);
    // The store's pool lost its idle connection with the restart (reported, not thrown) and opens a new one.
    const [{ entry: after }] = await store.insertMany([entry()]);
    await arrives(seen, [before.id, after.id]);
  });
});
