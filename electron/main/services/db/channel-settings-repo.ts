/**
 * Per-channel settings: enabled flag and the credentials as an opaque encrypted blob plus the id of the
 * SecretBox that sealed it. This repo never sees plain credentials; secrets/credentials-store.ts encrypts and
 * decrypts. Playbooks share the migration but not this repo.
 */
import type { ChannelId } from '../../../../shared/channels';
import type { Db } from './open';

export interface ChannelSettingsRecord {
  channel: ChannelId;
  enabled: boolean;
  /** Which SecretBox encrypted `credentialsEnc` (null when none are stored). */
  secretBox: string | null;
  credentialsEnc: Buffer | null;
  updatedAt: number;
}

interface Row {
  channel: string;
  enabled: number;
  secret_box: string | null;
  credentials_enc: Buffer | null;
  updated_at: number;
}

const toRecord = (r: Row): ChannelSettingsRecord => ({
  channel: r.channel as ChannelId,
  enabled: r.enabled === 1,
  secretBox: r.secret_box,
  credentialsEnc: r.credentials_enc,
  updatedAt: r.updated_at,
});

export function channelSettingsRepo(db: Db) {
  const get = db.prepare('SELECT * FROM channel_settings WHERE channel = ?');
  const all = db.prepare('SELECT * FROM channel_settings ORDER BY channel');
  const putCreds = db.prepare(
    `INSERT INTO channel_settings (channel, enabled, secret_box, credentials_enc, updated_at) VALUES (?, 0, ?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET secret_box = excluded.secret_box, credentials_enc = excluded.credentials_enc,
       updated_at = excluded.updated_at`,
  );
  const putEnabled = db.prepare(
    `INSERT INTO channel_settings (channel, enabled, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  return {
    get(channel: ChannelId): ChannelSettingsRecord | undefined {
      const row = get.get(channel) as Row | undefined;
      return row && toRecord(row);
    },
    all: (): ChannelSettingsRecord[] => (all.all() as Row[]).map(toRecord),
    /** Stores (or with nulls clears) the encrypted credentials; keeps the enabled flag. */
    saveCredentials(channel: ChannelId, sealed: { secretBox: string; enc: Buffer } | null, now: number): void {
      putCreds.run(channel, sealed?.secretBox ?? null, sealed?.enc ?? null, now);
    },
    /** Keeps the stored credentials. */
    setEnabled(channel: ChannelId, enabled: boolean, now: number): void {
      putEnabled.run(channel, enabled ? 1 : 0, now);
    },
  };
}
export type ChannelSettingsRepo = ReturnType<typeof channelSettingsRepo>;
