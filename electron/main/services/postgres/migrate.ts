/**
 * Forward-only migrations of the team database, by db/migrate.ts's rules: each is recorded with a hash of its
 * SQL, and startup refuses (MigrationError) when the applied list is not a prefix of this build's or a hash
 * differs. It never deletes, replaces or "repairs" anything.
 *
 * Several consoles may start at the same moment. The whole check-and-apply is one transaction that first
 * takes a transaction-level advisory lock, so the others wait, then find the migrations applied and only
 * check them: each is applied exactly once. PostgreSQL's DDL is transactional, so a run that fails leaves
 * nothing behind and the next start tries the same migrations again.
 */
import type pg from 'pg';
import { hashOf, MigrationError, type Migration } from '../db/migrate';
import { inTransaction } from './transaction';

/** The migration lock's fixed key: "onair-mg" read as a 64-bit number. */
const MIGRATION_LOCK = '8029462291163213159';

interface AppliedRow {
  version: number;
  name: string;
  hash: string;
}

function checkApplied(applied: AppliedRow[], migrations: readonly Migration[]): void {
  if (applied.length > migrations.length) {
    throw new MigrationError(
      `database has ${applied.length} migrations but this build knows ${migrations.length}: it was written by a newer Onair`,
    );
  }
  applied.forEach((row, i) => {
    const known = migrations[i];
    if (row.version !== known.version || row.hash !== hashOf(known.sql)) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) differs from this build's ${known.name}; refusing to open`,
      );
    }
  });
}

/** Applies the migrations the database lacks; returns their versions (none when another console did). */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  now: () => number,
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration list is not numbered 1..n at ${m.name}`);
  });
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const { rows } = await client.query<AppliedRow>(
      'SELECT version, name, hash FROM schema_migrations ORDER BY version',
    );
    checkApplied(rows, migrations);
    const ran: number[] = [];
    for (const m of migrations.slice(rows.length)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES ($1, $2, $3, $4)', [
        m.version,
        m.name,
        hashOf(m.sql),
        now(),
      ]);
      ran.push(m.version);
    }
    return ran;
  });
}
