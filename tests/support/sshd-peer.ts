/**
 * A throwaway OpenSSH server (Debian's openssh-server, /usr/sbin/sshd) on 127.0.0.1 for SFTP tests, as
 * /work/shared/recipes/real-peers.md describes: its own config, host key and authorized key (ed25519, made with
 * ssh-keygen on the spot), password logins off, the internal-sftp subsystem. It runs in the foreground (-D) as a
 * child of the test, so stop() ends exactly that process; start() brings it back on the same port.
 * Uploads land in `root` (a folder in the same temp dir), which the test reads directly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { poll } from './poll';
import { tempDir } from './temp-dir';
import { freePort } from './free-port';

/** Both come with Debian's openssh-server / openssh-client (.ci/run installs them). */
const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

export interface SshdPeer {
  host: '127.0.0.1';
  port: number;
  user: string;
  /** The authorized client key (OpenSSH private key format). */
  privateKey: string;
  /** A key the server does not accept. */
  otherPrivateKey: string;
  /** The server's host key as `ssh-keygen -l` prints it (SHA256:…). */
  hostKeyFingerprint: string;
  /** A folder the tests upload into (absolute path, the same on the server and here). */
  root: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port });
    c.once('data', () => (c.destroy(), resolve(true))); // the server's "SSH-2.0-OpenSSH…" banner
    c.once('error', () => resolve(false));
  });

function keygen(file: string): string {
  execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'onair-test', '-f', file]);
  return readFileSync(file, 'utf8');
}

export async function startSshd(): Promise<SshdPeer> {
  const dir = tempDir('onair-sshd-');
  const root = join(dir, 'www');
  mkdirSync(root);
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  keygen(join(dir, 'hostkey'));
  const privateKey = keygen(join(dir, 'userkey'));
  const otherPrivateKey = keygen(join(dir, 'otherkey'));
  const hostPub = readFileSync(join(dir, 'hostkey.pub'), 'utf8').split(' ')[1];
  const hostKeyFingerprint = `SHA256:${createHash('sha256').update(Buffer.from(hostPub, 'base64')).digest('base64').replace(/=+$/, '')}`;
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'hostkey')}`,
      `AuthorizedKeysFile ${join(dir, 'userkey.pub')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      `PidFile ${join(dir, 'sshd.pid')}`,
      'Subsystem sftp internal-sftp',
      'StrictModes no',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  let log = '';
  async function start(): Promise<void> {
    const p = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = p;
    p.stderr?.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-2000)));
    await poll(() => (p.exitCode === null ? accepts(port) : Promise.reject(new Error(`sshd exited: ${log}`))), {
      what: () => `sshd listening on 127.0.0.1:${port} (${log.trim() || 'no output'})`,
      timeoutMs: 10_000,
    });
  }
  async function stop(): Promise<void> {
    const p = child;
    child = undefined;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGTERM');
    await gone;
    await poll(async () => !(await accepts(port)), { what: `sshd on ${port} stopped`, timeoutMs: 5000 });
  }
  await start();
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    privateKey,
    otherPrivateKey,
    hostKeyFingerprint,
    root,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
