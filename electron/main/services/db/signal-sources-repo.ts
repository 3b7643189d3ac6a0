/**
 * The event's signal sources as stored: settings without the password, and the password as an opaque sealed
 * blob with the id of the SecretBox that sealed it (sources/signal-sources.ts seals and opens it).
 */
import type { SignalSourceKind } from '../../../../shared/sources';
import type { Db } from './open';

export interface SignalSourceRecord {
  id: string;
  kind: SignalSourceKind;
  /** JSON of the settings, password left out. */
  settings: string;
  secretBox: string | null;
  passwordEnc: Buffer | null;
  addedAt: number;
}

interface Row {
  id: string;
  kind: SignalSourceKind;
  settings: string;
  secret_box: string | null;
  password_enc: Buffer | null;
  added_at: number;
}

export function signalSourcesRepo(db: Db) {
  const all = db.prepare('SELECT * FROM signal_sources ORDER BY added_at, id');
  const put = db.prepare(
    `INSERT INTO signal_sources (id, kind, settings, secret_box, password_enc, added_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const del = db.prepare('DELETE FROM signal_sources WHERE id = ?');
  return {
    all: (): SignalSourceRecord[] =>
      (all.all() as Row[]).map((r) => ({
        id: r.id,
        kind: r.kind,
        settings: r.settings,
        secretBox: r.secret_box,
        passwordEnc: r.password_enc,
        addedAt: r.added_at,
      })),
    add(r: SignalSourceRecord): void {
      put.run(r.id, r.kind, r.settings, r.secretBox, r.passwordEnc, r.addedAt);
    },
    remove(id: string): boolean {
      return del.run(id).changes > 0;
    },
  };
}
export type SignalSourcesRepo = ReturnType<typeof signalSourcesRepo>;
