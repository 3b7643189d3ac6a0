/**
 * A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the team-store tests, as
 * /work/shared/recipes/real-peers.md describes: initdb with trust auth in a temp folder, pg_ctl start on a
 * free port with its socket in that folder. PostgreSQL refuses to run as root, so under root (CI) the
 * binaries run as the `postgres` user Debian's package creates; elsewhere as the current user.
 * One cluster per test file; each test takes a fresh database of it (`database()`), so tests never see
 * each other's rows. stop() and start() restart the same cluster on the same port (the outage tests).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from './temp-dir';
import { freePort } from './free-port';

export interface PostgresPeer {
  port: number;
  /** A connection string for database `name` (made by database()). */
  url(name?: string): string;
  /** Creates a fresh, empty database and returns its connection string. */
  database(): Promise<string>;
  /** Stops the server (fast: open sessions are cut), as a crash or a restart would. */
  stop(): void;
  start(): void;
  close(): Promise<void>;
}

/** Debian installs the server binaries under /usr/lib/postgresql/<major>/bin (PG_BIN overrides). */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const major = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!major) throw new Error('PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)');
  return join(root, major, 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export async function startPostgres(): Promise<PostgresPeer> {
  const bin = binDir();
  const dir = tempDir('onair-pg-');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // fsync off: a test cluster need not survive a power cut, and it makes the suite faster on CI.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start']);
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let n = 0;
  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`;
  let running = true;
  return {
    port,
    url,
    async database() {
      const name = `t${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    async close() {
      if (running) stop();
      running = false;
    },
  };
}

/** The `postgres` account Debian's package creates (from /etc/passwd: name:x:uid:gid:…). */
function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user: install PostgreSQL with apt-get (.ci/run does it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
