/**
 * The outbox store contract on PostgreSQL (one real cluster for the file, a fresh database per test), then
 * what only a team of consoles has: another console's live claim, leases that pass by the clock, concurrent
 * writers, and the schema's own guards.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { openTeamDatabase, type TeamDatabase } from '../../electron/main/services/postgres/connect';
import { postgresOutboxStore } from '../../electron/main/services/postgres/outbox-store-postgres';
import type { NewOutboxEntry, OutboxStore } from '../../electron/main/services/outbox/outbox-store';
import { outboxStoreContract, T0 } from '../../electron/main/services/outbox/outbox-store-contract-test-kit';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

const LEASE_MS = 60_000;

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

/** Consoles on one fresh database, each with its own pool and owner id. */
async function team() {
  const url = await peer.database();
  const open: TeamDatabase[] = [];
  let n = 0;
  const console_ = async (): Promise<{ db: TeamDatabase; store: OutboxStore }> => {
    const db = await openTeamDatabase({ url });
    open.push(db);
    return { db, store: postgresOutboxStore(db.pool, { owner: `console-${++n}`, leaseMs: LEASE_MS }) };
  };
  const close = async () => {
    await Promise.all(open.filter((db) => !db.pool.ended).map((db) => db.close()));
  };
  return { console: console_, close };
}

outboxStoreContract('PostgreSQL', async () => {
  const t = await team();
  let mine = await t.console();
  return {
    get store() {
      return mine.store;
    },
    other: async () => (await t.console()).store,
    // The console dies (its pool goes) and a new one starts; the suite looks an hour later, past the lease.
    async cutOff() {
      await mine.db.close();
      mine = await t.console();
    },
    close: () => t.close(),
  };
});

let keys = 0;
const entry = (over: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  idempotencyKey: `team:${++keys}`,
  channel: 'slack',
  phase: 'acknowledge',
  lang: 'en',
  text: 'We hear you.',
  eventName: 'Spring Launch',
  nextAttemptAt: T0,
  createdAt: T0,
  ...over,
});
const receipt = (at: number) => ({ channel: 'slack' as const, detail: 'HTTP 200', at });

describe('outbox store on PostgreSQL: a team of consoles', () => {
  let t: Awaited<ReturnType<typeof team>>;
  let a: OutboxStore;
  let b: OutboxStore;
  let db: TeamDatabase;
  beforeEach(async () => {
    t = await team();
    ({ store: a, db } = await t.console());
    ({ store: b } = await t.console());
  });
  afterEach(() => t.close());

  const add = async (store: OutboxStore, ...entries: NewOutboxEntry[]) =>
    (await store.insertMany(entries)).map((s) => s.entry.id);

  it("leaves another console's live claim alone: no receipt, renewal, reschedule or failure, not interrupted", async () => {
    const [id] = await add(a, entry());
    await a.claimNext('slack', T0);
    await expect(b.markSentWithReceipt(id, receipt(T0 + 1), T0 + 1)).rejects.toThrow(/not being sent by this console/);
    expect(await b.renewClaim(id, T0 + 1)).toBe(false);
    expect(await b.reschedule(id, T0 + 5, 'HTTP 503', T0 + 1)).toBe(false);
    expect(await b.fail(id, 'interrupted', T0 + LEASE_MS)).toBe(false);
    expect(await b.interrupted(T0 + LEASE_MS)).toEqual([]);
    expect(await b.requeueInterrupted([id], T0 + LEASE_MS)).toEqual([]);
    expect(await a.byId(id)).toMatchObject({ status: 'sending', attempts: 1, receiptDetail: undefined });
    await a.markSentWithReceipt(id, receipt(T0 + 2), T0 + 2);
    expect(await b.byId(id)).toMatchObject({ status: 'sent', receiptDetail: 'HTTP 200' });
  });

  it('cuts a claim off once its lease passed; a renewal keeps it alive', async () => {
    const [id] = await add(a, entry());
    await a.claimNext('slack', T0);
    expect(await b.interrupted(T0 + LEASE_MS)).toEqual([]);
    expect((await b.interrupted(T0 + LEASE_MS + 1)).map((e) => e.id)).toEqual([id]);
    expect(await a.renewClaim(id, T0 + LEASE_MS - 1)).toBe(true);
    expect(await b.interrupted(T0 + LEASE_MS + 1)).toEqual([]);
    expect(await b.fail(id, 'interrupted', T0 + LEASE_MS + 1)).toBe(false);
    expect(await b.fail(id, 'interrupted', T0 + 2 * LEASE_MS)).toBe(true);
    expect(await a.byId(id)).toMatchObject({ status: 'failed', lastError: 'interrupted' });
    await expect(a.markSentWithReceipt(id, receipt(T0), T0)).rejects.toThrow();
  });

  it('lets either the late owner or the console taking over win, never both', async () => {
    const [late, taken] = await add(a, entry(), entry());
    await a.claimNext('slack', T0);
    await a.claimNext('slack', T0);
    const after = T0 + LEASE_MS + 1;
    expect((await b.interrupted(after)).map((e) => e.id)).toEqual([late, taken]);
    // The owner comes back first for `late`: the takeover re-checks the lease and leaves it.
    expect(await a.renewClaim(late, after)).toBe(true);
    expect(await b.requeueInterrupted([late, taken], after)).toEqual([taken]);
    await a.markSentWithReceipt(late, receipt(after), after);
    // The takeover came first for `taken`: the owner's claim is gone.
    expect(await a.renewClaim(taken, after)).toBe(false);
    await expect(a.markSentWithReceipt(taken, receipt(after), after)).rejects.toThrow();
    expect((await b.claimNext('slack', after))?.id).toBe(taken);
    await b.markSentWithReceipt(taken, receipt(after), after);
    expect((await a.all()).map((e) => [e.id, e.status, e.attempts])).toEqual([
      [taken, 'sent', 2],
      [late, 'sent', 1],
    ]);
  });

  it('stores a key once when two consoles insert it at the same moment', async () => {
    const same = entry();
    const results = await Promise.all([a.insertMany([same]), b.insertMany([same]), a.insertMany([same])]);
    expect(
      results
        .flat()
        .map((s) => s.created)
        .sort(),
    ).toEqual([false, false, true]);
    expect(new Set(results.flat().map((s) => s.entry.id)).size).toBe(1);
    expect(await a.all()).toHaveLength(1);
  });

  it('loses no part when two consoles record parts at the same moment', async () => {
    const [id] = await add(a, entry());
    const parts = Array.from({ length: 20 }, (_, i) => `batch-${i}`);
    await Promise.all(parts.map((p, i) => (i % 2 ? a : b).markPartSending(id, p, [`${p}@example.com`])));
    expect(Object.keys(await a.partsSending(id)).sort()).toEqual([...parts].sort());
    await Promise.all(parts.map((p, i) => (i % 2 ? b : a).markPartDone(id, p)));
    expect((await a.partsDone(id)).sort()).toEqual([...parts].sort());
    expect(await a.partsSending(id)).toEqual({});
  });

  it("refuses in the schema itself 'sent' without a receipt and a claim outside 'sending'", async () => {
    const [id] = await add(a, entry());
    await expect(db.pool.query("UPDATE outbox_entries SET status = 'sent' WHERE id = $1", [id])).rejects.toThrow(
      /without a delivery receipt/,
    );
    await expect(
      db.pool.query("UPDATE outbox_entries SET claimed_by = 'x', lease_until = 1 WHERE id = $1", [id]),
    ).rejects.toThrow(/outbox_claim_while_sending/);
    await expect(db.pool.query("UPDATE outbox_entries SET status = 'sending' WHERE id = $1", [id])).rejects.toThrow(
      /outbox_claim_while_sending/,
    );
    expect(await a.byId(id)).toMatchObject({ status: 'queued' });
  });

  it("keeps each event's entries to the consoles watching that event: claims, sweeps and lists", async () => {
    const spring = postgresOutboxStore(db.pool, { owner: 'desk-1', leaseMs: LEASE_MS, eventKey: () => 'url:spring' });
    const autumn = postgresOutboxStore(db.pool, { owner: 'desk-2', leaseMs: LEASE_MS, eventKey: () => 'url:autumn' });
    const [id] = await add(spring, entry());
    expect(await autumn.dueChannels(T0)).toEqual([]);
    expect(await autumn.nextWakeAfter(T0 - 1)).toBeUndefined();
    expect(await autumn.claimNext('slack', T0)).toBeUndefined();
    expect(await autumn.all()).toEqual([]);
    expect(await spring.claimNext('slack', T0)).toMatchObject({ id, status: 'sending' });
    expect(await autumn.interrupted(T0 + LEASE_MS + 1)).toEqual([]);
    expect((await spring.interrupted(T0 + LEASE_MS + 1)).map((e) => e.id)).toEqual([id]);
    // A console watching one event only (the key '') does not see the desk's events either.
    expect(await a.all()).toEqual([]);
  });
});
