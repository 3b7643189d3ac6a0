/**
 * Opens the team database (PostgreSQL) and brings its schema up to date. The URL carries everything else,
 * TLS included, and its `sslmode` means what it means to libpq (psql), not node-postgres's default, which
 * takes `require` and `verify-ca` for `verify-full`:
 * - `verify-full`: the server's chain must lead to the CA in `sslrootcert` (to Node's bundled public CAs
 *   without it; libpq's ~/.postgresql/root.crt is not read) and its certificate must name the URL's host.
 * - `verify-ca`: the chain only, any host name (wants `sslrootcert`).
 * - `require`: encrypted, nothing verified; with `sslrootcert`, as `verify-ca` (libpq does the same).
 * - `disable`, or no `sslmode`: no TLS (libpq's default would be `prefer`). The PGSSL* variables are not read.
 * - `allow` and `prefer` (plain text when the server has no TLS: node-postgres cannot) are refused.
 * `sslcert` and `sslkey` give a client certificate (unencrypted key; `sslpassword` is not supported). The
 * files are PEM paths, read at each new connection.
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

const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'];

/**
 * The client config for the team database at `url`, for the pool and the change feed alike: node-postgres
 * parses the URL, told to read sslmode as libpq does (its `uselibpqcompat`). Throws on what it would misread.
 */
export function teamConnectionConfig(url: string): pg.ClientConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('the team database is not a postgres://… URL');
  }
  const mode = u.searchParams.get('sslmode');
  if (mode !== null && !SSL_MODES.includes(mode))
    throw new Error(`team database: sslmode=${mode} is not supported; use ${SSL_MODES.join(', ')}`);
  if (!['true', null].includes(u.searchParams.get('uselibpqcompat')))
    throw new Error('team database: uselibpqcompat cannot be turned off; sslmode has its libpq meaning here');
  u.searchParams.set('uselibpqcompat', 'true');
  // ssl: false stands when the URL says nothing of TLS; node-postgres would otherwise read PGSSLMODE its own way.
  return { connectionString: u.toString(), ssl: false, keepAlive: true, connectionTimeoutMillis: 10_000 };
}

/** Node's codes for a server certificate that does not check out, and what that means here. */
const UNTRUSTED = 'its certificate is not signed by a trusted CA (sslrootcert)';
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is not for this host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
};

/** Why a connection to the team database failed, in words an operator can act on. */
export function connectionProblem(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const problem = CERTIFICATE_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
  return problem ? `${problem}: ${error.message}` : error.message;
}

export async function openTeamDatabase({ url, now = Date.now, log }: TeamDatabaseOptions): Promise<TeamDatabase> {
  // node-postgres's default size, said here since it bounds a console's connections, whatever the number of
  // events it watches (team/team-link.ts): a pool, the feed and one lease per event.
  const pool = new pg.Pool({ ...teamConnectionConfig(url), types, max: 10 });
  // An idle client whose connection drops (PostgreSQL restarted, network cut) is reported here; without a
  // listener the pool's 'error' event would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => log?.(`team database: idle connection lost: ${error.message}`));
  try {
    // Connecting first tells a server that cannot be reached or trusted from a migration that fails.
    await pool.connect().then(
      (client) => client.release(),
      (error: unknown) => {
        const { hostname, port } = new URL(url);
        const message = `cannot connect to the team database at ${hostname}:${port || 5432}: ${connectionProblem(error)}`;
        throw new Error(message, { cause: error });
      },
    );
    const ran = await migratePostgres(pool, POSTGRES_MIGRATIONS, now);
    if (ran.length) log?.(`team database: applied migrations ${ran.join(', ')}`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { pool, close: () => pool.end() };
}
