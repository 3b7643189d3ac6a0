/**
 * Posts written while the team database is away (team/waiting-outbox-store.ts), on a real PostgreSQL that
 * the test stops and starts, and a real SQLite file: they are accepted and kept on this console, survive a
 * restart of it, and go to the team's outbox in the order they were written once the database is back,
 * each key once however often it was handed over. Any other refusal is the caller's error, not a wait.
 * Hand-over retries run on a fake clock; the database's own stop and start are real.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/main/services/db/open';
import { waitingPostsRepo } from '../../electron/main/services/db/waiting-posts-repo';
import type { NewOutboxEntry } from '../../electron/main/services/outbox/outbox-store';
import { openTeamDatabase } from '../../electron/main/services/postgres/connect';
import { postgresOutboxStore } from '../../electron/main/services/postgres/outbox-store-postgres';
import { WAITING_FOR_TEAM, waitingOutboxStore } from '../../electron/main/services/team/waiting-outbox-store';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';
import { tempDir } from '../support/temp-dir';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const T0 = 1_700_000_000_000;
const post = (key: string, text = 'The audio is back: thanks for bearing with us.'): NewOutboxEntry => ({
  idempotencyKey: key,
  channel: 'slack',
  phase: 'update',
  lang: 'en',
  text,
  eventName: 'Spring Launch',
  nextAttemptAt: T0,
  createdAt: T0,
});

describe('posts written while the team database is away', () => {
  it('wait on this console, survive its restart and go to the team in order, each key once', async () => {
    const team = await openTeamDatabase({ url: await peer.database() });
    team.pool.on('error', () => undefined); // the stop below cuts its idle clients
    const remote = postgresOutboxStore(team.pool, { owner: 'console-a', leaseMs: 3000 });
    const file = join(tempDir(), 'onair.sqlite');
    let sqlite = openDatabase({ file, now: () => T0 });
    const clock = fakeClock(T0);
    const counts: number[] = [];
    const open = () =>
      waitingOutboxStore(remote, waitingPostsRepo(sqlite), {
        clock,
        log: () => undefined,
        onWaiting: (n) => counts.push(n),
      });
    let store = open();

    peer.stop();
    const kept = await store.insertMany([post('r1:slack'), post('r2:slack')]);
    expect(kept.map((k) => k.entry)).toMatchObject([
      { status: 'queued', lastError: WAITING_FOR_TEAM, idempotencyKey: 'r1:slack' },
      { status: 'queued', lastError: WAITING_FOR_TEAM, idempotencyKey: 'r2:slack' },
    ]);
    expect(kept.every((k) => k.entry.id < 0)).toBe(true);
    expect(await store.byId(kept[0].entry.id)).toMatchObject({ idempotencyKey: 'r1:slack' });
    // The same post again (an operator pressing Send twice): one waiting entry, the first text.
    await store.insertMany([post('r1:slack', 'changed text')]);
    expect(counts.at(-1)).toBe(2);

    // The console restarts during the outage: what waited is still there.
    store.dispose();
    sqlite.close();
    sqlite = openDatabase({ file, now: () => T0 });
    store = open();
    expect(
      waitingPostsRepo(sqlite)
        .list()
        .map((p) => p.entry.idempotencyKey),
    ).toEqual(['r1:slack', 'r2:slack']);

    // Back: the next retry hands both over, in order; a third post written now queues behind them.
    peer.start();
    clock.advance(1000);
    await store.insertMany([post('r3:slack')]);
    // A hand-over may meet a connection the stop cut: the next retry, a second later, gets through.
    await poll(
      () => {
        clock.advance(1000);
        return waitingPostsRepo(sqlite).count() === 0;
      },
      { intervalMs: 100, what: 'every waiting post handed over' },
    );
    const rows = await team.pool.query<{ id: number; key: string; text: string }>(
      'SELECT id, idempotency_key AS key, text FROM outbox_entries ORDER BY id',
    );
    expect(rows.rows.map((r) => r.key)).toEqual(['r1:slack', 'r2:slack', 'r3:slack']);
    expect(rows.rows[0].text).not.toContain('changed text');
    expect(counts.at(-1)).toBe(0);

    // Handed over again (the answer to the first hand-over was lost): still one entry per key.
    await remote.insertMany([post('r1:slack'), post('r2:slack')]);
    expect((await team.pool.query('SELECT 1 FROM outbox_entries')).rowCount).toBe(3);

    // A refusal that is not the database being away is the caller's error: nothing waits for it.
    await expect(store.insertMany([post('nul:slack', 'bad \u0000 text')])).rejects.toThrow();
    expect(waitingPostsRepo(sqlite).count()).toBe(0);

    store.dispose();
    sqlite.close();
    await team.close();
  });
});
