/**
 * The event's signal sources as stored: settings without their secrets, and the secrets as one opaque sealed
 * blob (a JSON object) with the id of the SecretBox that sealed it (sources/signal-sources.ts seals and opens
 * it). Rows stored before platform sources keep an OBS password alone in `passwordEnc`.
 */
import type { SignalSourceKind } from '../../../../shared/sources';
import type { Db } from './open';

export interface SignalSourceRecord {
  id: string;
  kind: SignalSourceKind;
  /** JSON of the settings, secrets left out. */
  settings: string;
  secretBox: string | null;
  secretsEnc: Buffer | null;
  /** Before migration 0012: the OBS password alone. */
  passwordEnc?: Buffer | null;
  addedAt: number;
}

interface Row {
  id: string;
  kind: SignalSourceKind;
  settings: string;
  secret_box: string | null;
  password_enc: Buffer | null;
  secrets_enc: Buffer | null;
  added_at: number;
}

export function signalSourcesRepo(db: Db) {
  const all = db.prepare('SELECT * FROM signal_sources ORDER BY added_at, id');
  const put = db.prepare(
    `INSERT OR REPLACE INTO signal_sources (id, kind, settings, secret_box, secrets_enc, added_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const del = db.prepare('DELETE FROM signal_sources WHERE id = ?');
  return {
    all: (): SignalSourceRecord[] =>
      (all.all() as Row[]).map((r) => ({
        id: r.id,
        kind: r.kind,
        settings: r.settings,
        secretBox: r.secret_box,
        secretsEnc: r.secrets_enc,
        passwordEnc: r.password_enc,
        addedAt: r.added_at,
      })),
    /** Adds a source, or replaces the one with its id (signed in again). */
    put(r: Omit<SignalSourceRecord, 'passwordEnc'>): void {
      put.run(r.id, r.kind, r.settings, r.secretBox, r.secretsEnc, r.addedAt);
    },
    remove(id: string): boolean {
      return del.run(id).changes > 0;
    },
  };
}
export type SignalSourcesRepo = ReturnType<typeof signalSourcesRepo>;
