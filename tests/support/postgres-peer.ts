/**
 * A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the team-store tests, as
 * /work/shared/recipes/real-peers.md describes: initdb with trust auth in a temp folder, pg_ctl start on a
 * free port with its socket in that folder. PostgreSQL refuses to run as root, so under root (CI) the
 * binaries run as the `postgres` user Debian's package creates; elsewhere as the current user.
 * One cluster per test file; each test takes a fresh database of it (`database()`), so tests never see
 * each other's rows. stop() and start() restart the same cluster on the same port (the outage tests).
 * With `tls`, the server also speaks TLS (ssl=on), with a certificate from a throwaway CA for the names given.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from './temp-dir';
import { freePort } from './free-port';

export interface PostgresPeer {
  port: number;
  /** With `tls`: the PEM file of the CA that signed the server's certificate (for `sslrootcert`). */
  ca?: string;
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

export interface PostgresPeerOptions {
  /** Serve TLS too, with a certificate for these names: DNS names or IP addresses, e.g. ['localhost']. */
  tls?: { names: string[] };
}

export async function startPostgres({ tls }: PostgresPeerOptions = {}): Promise<PostgresPeer> {
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
  let options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const certs = tls && throwawayCertificates(tls.names, join(dir, 'tls'));
  if (certs) {
    // PostgreSQL refuses a key file that others may read, or that is not the server user's (or root's).
    chmodSync(certs.key, 0o600);
    if (asRoot) {
      const { uid, gid } = postgresUser();
      for (const f of [join(dir, 'tls'), certs.cert, certs.key]) chownSync(f, uid, gid);
    }
    options += ` -c ssl=on -c ssl_cert_file=${certs.cert} -c ssl_key_file=${certs.key}`;
  }
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start']);
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let n = 0;
  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`;
  let running = true;
  return {
    port,
    ca: certs?.ca,
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

export interface ThrowawayCertificates {
  /** The CA's certificate (PEM); its key stays in the temp folder, unused. */
  ca: string;
  /** A server certificate for `names`, signed by that CA, and its private key (PEM files). */
  cert: string;
  key: string;
}

/**
 * A CA of its own and a server certificate it signed for `names`, made with the openssl CLI in `dir` (a new
 * temp folder by default). EC P-256 keys, as RSA keys take far longer to generate; valid for two days.
 */
export function throwawayCertificates(names: string[], dir = tempDir('onair-tls-')): ThrowawayCertificates {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  const altNames = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(
    f('openssl.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[ca]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '[server]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${altNames}`,
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-config', f('openssl.cnf')];
  const [ca, caKey, csr, cert, key] = ['ca.crt', 'ca.key', 'server.csr', 'server.crt', 'server.key'].map(f);
  const selfSignedCa = ['-x509', '-extensions', 'ca', '-days', '2', '-subj', '/CN=Onair test CA'];
  openssl('req', ...selfSignedCa, ...newKey, '-keyout', caKey, '-out', ca);
  openssl('req', '-new', ...newKey, '-subj', `/CN=${names[0]}`, '-keyout', key, '-out', csr);
  const signed = ['-CA', ca, '-CAkey', caKey, '-set_serial', '1', '-days', '2', '-extfile', f('openssl.cnf')];
  openssl('x509', '-req', '-in', csr, ...signed, '-extensions', 'server', '-out', cert);
  return { ca, cert, key };
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
