/**
 * The team database over TLS, on a real PostgreSQL with ssl=on and a certificate for `localhost` only, made
 * by a throwaway CA: `sslmode=verify-full` connects (the pool, the change feed and the engine lease) and the server sees TLS;
 * another CA, another host name or a server without TLS is refused at once with a clear error. The other
 * modes keep their libpq meaning: `verify-ca` does not check the host name, `require` checks nothing unless
 * given a CA, and the modes that would fall back to plain text are refused.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { watchTeamFeed } from '../../electron/main/services/postgres/change-feed';
import { openTeamDatabase, type TeamDatabase } from '../../electron/main/services/postgres/connect';
import { holdEngineLease } from '../../electron/main/services/postgres/engine-lease';
import { systemClock } from '../../electron/main/services/clock';
import { poll } from '../support/poll';
import {
  startPostgres,
  throwawayCertificates,
  type PostgresPeer,
  type ThrowawayCertificates,
} from '../support/postgres-peer';

let tls: PostgresPeer;
let plain: PostgresPeer;
let ca: string;
let otherCa: ThrowawayCertificates;
beforeAll(async () => {
  tls = await startPostgres({ tls: { names: ['localhost'] } });
  ca = tls.ca ?? '';
  plain = await startPostgres();
  otherCa = throwawayCertificates(['localhost']);
});
afterAll(async () => {
  await tls?.close();
  await plain?.close();
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** `url` (a peer's, on 127.0.0.1) for `host`, with `params` added to its query. */
function at(url: string, host: string, params: Record<string, string>): string {
  const u = new URL(url);
  u.hostname = host;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

async function open(url: string): Promise<TeamDatabase> {
  const db = await openTeamDatabase({ url });
  cleanup.push(() => db.close());
  return db;
}

const SSL_OF_BACKEND = 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()';
const sslOfOwnSession = async (db: TeamDatabase) => (await db.pool.query(SSL_OF_BACKEND)).rows[0]?.ssl;

/** Fresh database of the TLS server, reached as `host`. */
const tlsDatabase = async (host: string, params: Record<string, string>) => at(await tls.database(), host, params);

/** openTeamDatabase's error for `url`, which must come at once: a refusal, not a hang until some timeout. */
async function refusal(url: string): Promise<string> {
  const started = performance.now();
  const error = await openTeamDatabase({ url }).then(
    async (db) => {
      await db.close();
      throw new Error('the team database opened');
    },
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(3_000);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('sslmode=verify-full', () => {
  it('connects to a server whose certificate the CA signed for the host, over TLS', async () => {
    const db = await open(await tlsDatabase('localhost', { sslmode: 'verify-full', sslrootcert: ca }));
    expect(await sslOfOwnSession(db)).toBe(true);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('carries the change feed over TLS too', async () => {
    const url = await tlsDatabase('localhost', { sslmode: 'verify-full', sslrootcert: ca });
    const db = await open(url);
    const seen: string[] = [];
    let listening = 0;
    const feed = watchTeamFeed(url, { team: (change) => seen.push(change) }, { onListening: () => listening++ });
    cleanup.push(() => feed.close());
    await poll(() => listening === 1, { what: 'the feed listening' });
    const { rows } = await db.pool.query(
      `SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
        WHERE a.datname = current_database() AND a.query LIKE 'LISTEN%'`,
    );
    expect(rows).toEqual([{ ssl: true }]);
    await db.pool.query("SELECT pg_notify('onair_team', 'incident:7')");
    await poll(() => seen.length > 0, { timeoutMs: 2_000, what: 'the notification' });
    expect(seen).toEqual(['incident:7']);
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const url = at(tls.url(), 'localhost', { sslmode: 'verify-full', sslrootcert: otherCa.ca });
    expect(await refusal(url)).toMatch(
      /^cannot connect to the team database at localhost:\d+: its certificate is not signed by a trusted CA \(sslrootcert\): /,
    );
  });

  it('refuses without sslrootcert, as no public CA signed the certificate', async () => {
    expect(await refusal(at(tls.url(), 'localhost', { sslmode: 'verify-full' }))).toMatch(/not signed by a trusted CA/);
  });

  it('refuses a host name the certificate does not name, though the CA signed it', async () => {
    const url = at(tls.url(), '127.0.0.1', { sslmode: 'verify-full', sslrootcert: ca });
    expect(await refusal(url)).toMatch(
      /^cannot connect to the team database at 127\.0\.0\.1:\d+: its certificate is not for this host name: .*127\.0\.0\.1/,
    );
  });

  it('refuses a server without TLS', async () => {
    const url = at(plain.url(), 'localhost', { sslmode: 'verify-full', sslrootcert: ca });
    expect(await refusal(url)).toMatch(/^cannot connect to the team database at localhost:\d+: .*does not support SSL/);
  });

  it('makes the change feed report a refused certificate, and keep trying, instead of crashing', async () => {
    const lost: string[] = [];
    const url = at(tls.url(), 'localhost', { sslmode: 'verify-full', sslrootcert: otherCa.ca });
    const feed = watchTeamFeed(url, { team: () => undefined }, { onLost: (why) => lost.push(why) });
    cleanup.push(() => feed.close());
    await poll(() => lost.length >= 2, { timeoutMs: 5_000, what: 'two refused attempts' });
    expect(lost[0]).toMatch(/^its certificate is not signed by a trusted CA/);
  });

  it('reports a missing sslrootcert file clearly, from the pool and the feed alike', async () => {
    const url = at(tls.url(), 'localhost', { sslmode: 'verify-full', sslrootcert: '/nonexistent/ca.crt' });
    expect(await refusal(url)).toMatch(/ENOENT.*\/nonexistent\/ca\.crt/);
    const lost: string[] = [];
    const feed = watchTeamFeed(url, { team: () => undefined }, { onLost: (why) => lost.push(why) });
    cleanup.push(() => feed.close());
    await poll(() => lost.length >= 1, { timeoutMs: 2_000, what: 'the feed giving the reason' });
    expect(lost[0]).toMatch(/ENOENT.*\/nonexistent\/ca\.crt/);
  });
});

describe('the other sslmodes keep their libpq meaning', () => {
  it('verify-ca checks the chain but not the host name', async () => {
    const db = await open(await tlsDatabase('127.0.0.1', { sslmode: 'verify-ca', sslrootcert: ca }));
    expect(await sslOfOwnSession(db)).toBe(true);
    const url = at(tls.url(), '127.0.0.1', { sslmode: 'verify-ca', sslrootcert: otherCa.ca });
    expect(await refusal(url)).toMatch(/not signed by a trusted CA/);
  });

  it('require encrypts without verifying, unless given a CA: then it checks the chain', async () => {
    const db = await open(await tlsDatabase('127.0.0.1', { sslmode: 'require' }));
    expect(await sslOfOwnSession(db)).toBe(true);
    const url = at(tls.url(), '127.0.0.1', { sslmode: 'require', sslrootcert: otherCa.ca });
    expect(await refusal(url)).toMatch(/not signed by a trusted CA/);
    expect(await refusal(at(plain.url(), '127.0.0.1', { sslmode: 'require' }))).toMatch(/does not support SSL/);
  });

  it('holds the engine lease on the same terms: require without a CA encrypts and checks nothing', async () => {
    // node-postgres on its own would read this `require` as verify-full, and refuse the throwaway CA.
    const url = await tlsDatabase('127.0.0.1', { sslmode: 'require' });
    const db = await open(url);
    const lease = holdEngineLease({ url, key: 'session-1', holder: 'here', clock: systemClock, onChange: () => {} });
    cleanup.push(() => lease.close());
    await poll(() => lease.state().epoch !== undefined, { what: 'the lease held' });
    const { rows } = await db.pool.query(
      `SELECT s.ssl FROM pg_locks l JOIN pg_stat_ssl s USING (pid) WHERE l.locktype = 'advisory' AND l.granted`,
    );
    expect(rows).toEqual([{ ssl: true }]);
  });

  it('disable, or no sslmode, connects without TLS, whatever PGSSLMODE says', async () => {
    const urls = [await tlsDatabase('127.0.0.1', { sslmode: 'disable' }), await tlsDatabase('127.0.0.1', {})];
    vi.stubEnv('PGSSLMODE', 'verify-full'); // after the peer's own client made those databases
    cleanup.push(async () => void vi.unstubAllEnvs());
    for (const url of urls) expect(await sslOfOwnSession(await open(url))).toBe(false);
  });

  it('refuses the modes it would not honour as libpq does, and turning libpq semantics off', async () => {
    for (const sslmode of ['prefer', 'allow', 'no-verify'])
      expect(await refusal(at(tls.url(), 'localhost', { sslmode }))).toBe(
        `team database: sslmode=${sslmode} is not supported; use disable, require, verify-ca, verify-full`,
      );
    expect(await refusal(at(tls.url(), 'localhost', { sslmode: 'require', uselibpqcompat: 'false' }))).toMatch(
      /uselibpqcompat cannot be turned off/,
    );
  });
});
