/**
 * Opens the team database (PostgreSQL) and brings its schema up to date. The URL carries everything else,
 * TLS included: node-postgres reads `sslmode=verify-full`, `sslrootcert` and the rest from it.
 */
import pg from 'pg';
import { migratePostgres } from './migrate';
import { POSTGRES_MIGRATIONS } from './migrations';

export interface TeamDatabase {
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface TeamDatabaseOptions {
  url: string;
  /** Recorded as each migration's applied_at. */
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * BIGINT (ids, epoch ms) arrives from pg as a string, since it may not fit a JS number; ours always do, so
 * this pool's clients read it as a number. Set on the pool, not on pg's global parsers.
 */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${text} does not fit a JS number`);
  return n;
});

export async function openTeamDatabase({ url, now = Date.now, log }: TeamDatabaseOptions): Promise<TeamDatabase> {
  const pool = new pg.Pool({ connectionString: url, types, keepAlive: true, connectionTimeoutMillis: 10_000 });
  // An idle client whose connection drops (PostgreSQL restarted, network cut) is reported here; without a
  // listener the pool's 'error' event would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => log?.(`team database: idle connection lost: ${error.message}`));
  try {
    const ran = await migratePostgres(pool, POSTGRES_MIGRATIONS, now);
    if (ran.length) log?.(`team database: applied migrations ${ran.join(', ')}`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { pool, close: () => pool.end() };
}
