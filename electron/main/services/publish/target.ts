/**
 * Which target the status-page channel publishes to, from its credential fields (CHANNEL_SPECS['status-page']).
 * `target` empty or `none` keeps the page local (the preview only). A target with a missing field is a
 * configuration error: not retryable, the message names the fields to fill in.
 */
import { ChannelError, type Credentials } from '../channels/channel-adapter';
import { gitPublisher } from './git';
import type { Publisher } from './publisher';
import { s3Publisher } from './s3';
import { sftpPublisher } from './sftp';

export interface TargetOptions {
  /** Where git work copies are kept (under the data folder). */
  gitWorkRoot: string;
  connectTimeoutMs?: number;
}

const REQUIRED = {
  sftp: ['sftpHost', 'sftpUser', 'sftpKey', 'sftpFolder'],
  s3: ['s3Bucket', 's3AccessKeyId', 's3SecretAccessKey'],
  git: ['gitUrl', 'gitBranch'],
} as const;

type TargetKind = keyof typeof REQUIRED;
const isKind = (k: string): k is TargetKind => Object.hasOwn(REQUIRED, k);

export function publisherFor(creds: Credentials, opts: TargetOptions): Publisher | null {
  const kind = (creds.target ?? '').trim().toLowerCase();
  if (!kind || kind === 'none') return null;
  if (!isKind(kind))
    throw new ChannelError(`status-page: unknown publish target "${kind}" (use none, sftp, s3 or git)`, false);
  const v = (k: string) => creds[k]?.trim() ?? '';
  const missing = REQUIRED[kind].filter((k) => !v(k));
  if (missing.length) throw new ChannelError(`status-page: publishing by ${kind} needs ${missing.join(', ')}`, false);
  switch (kind) {
    case 'sftp': {
      const port = Number(v('sftpPort') || 22);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new ChannelError(`status-page: SFTP port "${v('sftpPort')}" is not a port number`, false);
      return sftpPublisher({
        host: v('sftpHost'),
        port,
        user: v('sftpUser'),
        privateKey: creds.sftpKey,
        hostKey: v('sftpHostKey'),
        folder: v('sftpFolder'),
        connectTimeoutMs: opts.connectTimeoutMs,
      });
    }
    case 's3': {
      const prefix = v('s3Prefix').replace(/^\/+/, '');
      return s3Publisher({
        endpoint: v('s3Endpoint') || undefined,
        region: v('s3Region') || 'us-east-1',
        bucket: v('s3Bucket'),
        prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
        accessKeyId: v('s3AccessKeyId'),
        secretAccessKey: creds.s3SecretAccessKey,
        forcePathStyle: v('s3PathStyle').toLowerCase() === 'true',
      });
    }
    case 'git':
      return gitPublisher({ url: v('gitUrl'), branch: v('gitBranch'), workRoot: opts.gitWorkRoot });
  }
}
