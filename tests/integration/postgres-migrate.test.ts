/**
 * The team database's migrations on a real PostgreSQL: five console processes starting together apply each
 * migration once; a database whose applied migrations differ from this build's, or that a newer build
 * wrote, is refused and left as it was; a failed run leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashOf, MigrationError } from '../../electron/main/services/db/migrate';
import { openTeamDatabase } from '../../electron/main/services/postgres/connect';
import { migratePostgres } from '../../electron/main/services/postgres/migrate';
import { POSTGRES_MIGRATIONS } from '../../electron/main/services/postgres/migrations';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = 'tests/integration/support-postgres-migrate-child.ts';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
const poolOn = (url: string) => {
  const pool = new pg.Pool({ connectionString: url });
  pools.push(pool);
  return pool;
};

const applied = async (pool: pg.Pool) =>
  (await pool.query('SELECT version, name, hash, applied_at FROM schema_migrations ORDER BY version')).rows;
const tableExists = async (pool: pg.Pool, name: string) =>
  (await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name])).rows[0].t !== null;

/** Opens and closes the team database once, as a console starting and stopping would. */
const start = async (url: string) => (await openTeamDatabase({ url })).close();

describe('team database migrations', () => {
  it('applies each migration once when five consoles start at the same moment', async () => {
    const url = await peer.database();
    const children = Array.from({ length: 5 }, (_, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(i + 1)], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exit = new Promise<number | null>((done) => child.on('exit', done));
      return { child, exit, output: () => out };
    });
    try {
      await poll(() => children.every((c) => c.output().includes('ready')), {
        what: () => `children ready: ${children.map((c) => c.output()).join(' | ')}`,
      });
      for (const c of children) c.child.stdin.write('go\n');
      const codes = await Promise.all(children.map((c) => c.exit));
      expect(children.map((c) => c.output().trim().split('\n').pop())).toEqual(Array(5).fill('opened'));
      expect(codes).toEqual([0, 0, 0, 0, 0]);
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    }
    const rows = await applied(poolOn(url));
    expect(rows.map((r) => [r.version, r.name, r.hash])).toEqual(
      POSTGRES_MIGRATIONS.map((m) => [m.version, m.name, hashOf(m.sql)]),
    );
    // applied_at is the starting child's number: one of the five did it.
    expect([1, 2, 3, 4, 5]).toContain(Number(rows[0].applied_at));
    expect(await tableExists(poolOn(url), 'outbox_entries')).toBe(true);
  });

  it('refuses a database whose applied migration differs from this build, and changes nothing', async () => {
    const url = await peer.database();
    await start(url);
    const pool = poolOn(url);
    await pool.query("UPDATE schema_migrations SET hash = 'edited' WHERE version = 1");
    const refused = start(url);
    await expect(refused).rejects.toBeInstanceOf(MigrationError);
    await expect(refused).rejects.toThrow(/migration 1 \(0001-outbox\) differs from this build's 0001-outbox/);
    expect((await applied(pool)).map((r) => r.hash)).toEqual([
      'edited',
      ...POSTGRES_MIGRATIONS.slice(1).map((m) => hashOf(m.sql)),
    ]);
    expect(await tableExists(pool, 'outbox_entries')).toBe(true);
  });

  it('refuses a database written by a newer build', async () => {
    const url = await peer.database();
    await start(url);
    const pool = poolOn(url);
    const known = POSTGRES_MIGRATIONS.length;
    await pool.query("INSERT INTO schema_migrations VALUES ($1, 'from-the-future', 'h', 1)", [known + 1]);
    const refused = start(url);
    await expect(refused).rejects.toBeInstanceOf(MigrationError);
    await expect(refused).rejects.toThrow(`database has ${known + 1} migrations but this build knows ${known}`);
    expect(await applied(pool)).toHaveLength(known + 1);
  });

  it('applies only what a later build adds, and a failed run leaves nothing behind', async () => {
    const url = await peer.database();
    const pool = poolOn(url);
    const next = POSTGRES_MIGRATIONS.length + 1;
    const later = [...POSTGRES_MIGRATIONS, { version: next, name: 'extra', sql: 'CREATE TABLE extra (id INT)' }];
    const broken = [...POSTGRES_MIGRATIONS, { version: next, name: 'broken', sql: 'CREATE TABLE nope (' }];
    await expect(migratePostgres(pool, broken, () => 7)).rejects.toThrow(/syntax error/);
    expect(await tableExists(pool, 'schema_migrations')).toBe(false);
    expect(await tableExists(pool, 'outbox_entries')).toBe(false);
    const all = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, () => 8)).toEqual(all);
    expect(await migratePostgres(pool, later, () => 9)).toEqual([next]);
    expect(await migratePostgres(pool, later, () => 10)).toEqual([]);
    expect((await applied(pool)).map((r) => [r.version, Number(r.applied_at)])).toEqual([
      ...all.map((v) => [v, 8]),
      [next, 9],
    ]);
    await expect(migratePostgres(pool, later.slice(1), () => 11)).rejects.toThrow(/not numbered 1..n/);
  });
});
