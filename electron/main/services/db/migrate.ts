/**
 * Forward-only migrations. Each runs in its own transaction and is recorded with a hash of its SQL.
 * Startup refuses to continue when the applied list is not a prefix of the known list or a hash
 * differs: it throws a MigrationError and never deletes, replaces or "repairs" the database.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export const hashOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration list is not numbered 1..n at ${m.name}`);
  });
  const applied = db.prepare('SELECT version, name, hash FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    hash: string;
  }[];
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
  const record = db.prepare('INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  const ran: number[] = [];
  for (const m of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, hashOf(m.sql), now());
    })();
    ran.push(m.version);
  }
  return ran;
}
