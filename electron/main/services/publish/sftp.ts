/**
 * SFTP to the organiser's web host (ssh2-sftp-client). Each file is uploaded under a temporary name in the
 * target folder and renamed over the old one (OpenSSH's posix-rename), so a reader gets the old file or the new
 * one, never half of it. All temporary files are uploaded before the first rename, and removed on failure.
 * When a host key fingerprint is configured, a server presenting another key is refused before logging in.
 */
import { createHash, randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import { ChannelError } from '../channels/channel-adapter';
import { pageLast, reasonOf, type PublishedFile, type Publisher } from './publisher';

export interface SftpTarget {
  host: string;
  port: number;
  user: string;
  privateKey: string;
  /** `SHA256:<base64>` as `ssh-keygen -lf` prints it; empty accepts any host key. */
  hostKey?: string;
  folder: string;
  connectTimeoutMs?: number;
}

const fingerprintOf = (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

function explain(err: unknown, t: SftpTarget, seenKey: string | undefined): string {
  const r = reasonOf(err);
  const where = `${t.host}:${t.port}`;
  if (t.hostKey && seenKey && seenKey !== t.hostKey.trim())
    return `the SFTP server ${where} presented host key ${seenKey}, not the configured ${t.hostKey.trim()}`;
  if (/authentication methods failed/i.test(r)) return `the SFTP server ${where} refused the key for user "${t.user}"`;
  if (/ECONNREFUSED/.test(r)) return `nothing answers at ${where} (connection refused)`;
  if (/ENOTFOUND|EAI_AGAIN/.test(r)) return `the SFTP host ${t.host} is not found`;
  if (/timed? ?out/i.test(r)) return `the SFTP server ${where} did not answer in time`;
  if (/privateKey|private key|Unsupported key format|parse/i.test(r))
    return `the SFTP private key cannot be read (${r})`;
  return `SFTP to ${where} failed (${r})`;
}

/**
 * A private key pasted into a one-line settings field loses its line breaks (browsers strip them from an
 * input's value); the PEM armour is rebuilt so the key still reads.
 */
function normalizeKey(key: string): string {
  const m = /^(-----BEGIN [A-Z0-9 ]+-----)\s*([A-Za-z0-9+/=\s]+?)\s*(-----END [A-Z0-9 ]+-----)\s*$/.exec(key.trim());
  if (!m) return key;
  return `${m[1]}\n${(m[2].replace(/\s+/g, '').match(/.{1,70}/g) ?? []).join('\n')}\n${m[3]}\n`;
}

export function sftpPublisher(t: SftpTarget): Publisher {
  const folder = posix.normalize(t.folder || '.');
  return {
    where: `sftp://${t.host}:${t.port}${folder.startsWith('/') ? '' : '/'}${folder}`,
    async publish(files: readonly PublishedFile[], signal?: AbortSignal) {
      // Loaded when a page is first published there, not with every start of Onair.
      const { default: SftpClient } = await import('ssh2-sftp-client');
      const client = new SftpClient('onair-status-page');
      let seenKey: string | undefined;
      const temps: string[] = [];
      const abort = () => void client.end().catch(() => undefined);
      signal?.addEventListener('abort', abort, { once: true });
      try {
        await client.connect({
          host: t.host,
          port: t.port,
          username: t.user,
          privateKey: normalizeKey(t.privateKey),
          readyTimeout: t.connectTimeoutMs ?? 10_000,
          hostVerifier: (key: Buffer) => {
            seenKey = fingerprintOf(key);
            return !t.hostKey?.trim() || seenKey === t.hostKey.trim();
          },
        });
        if (!(await client.exists(folder))) await client.mkdir(folder, true);
        const staged: { tmp: string; final: string }[] = [];
        for (const f of pageLast(files)) {
          const tmp = posix.join(folder, `.${f.name}.${randomUUID()}.tmp`);
          temps.push(tmp);
          await client.put(f.body, tmp);
          staged.push({ tmp, final: posix.join(folder, f.name) });
        }
        for (const s of staged) {
          await client.posixRename(s.tmp, s.final);
          temps.splice(temps.indexOf(s.tmp), 1);
        }
      } catch (err) {
        for (const tmp of temps) await client.delete(tmp, true).catch(() => undefined);
        throw new ChannelError(`status-page: ${explain(err, t, seenKey)}`, true);
      } finally {
        signal?.removeEventListener('abort', abort);
        await client.end().catch(() => undefined);
      }
    },
  };
}
