/**
 * Opens the Onair database. The only place (with the repos beside it) that imports better-sqlite3.
 *
 * Electron and Node have different native ABIs: tests run on Node's build in node_modules, while the
 * desktop app passes an Electron-ABI build through `nativeBinding` (ONAIR_SQLITE_BINDING, set by
 * scripts/start.mjs) so one `npm install` serves both.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of the DB file, or ':memory:'. */
  file: string;
  /** Path to a better_sqlite3.node built for the running runtime's ABI. */
  nativeBinding?: string;
  now?: () => number;
}

export function openDatabase(opts: OpenOptions): Db {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const nativeBinding = opts.nativeBinding ?? process.env.ONAIR_SQLITE_BINDING;
  const db = new Database(opts.file, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL syncs only at checkpoints, so a power cut can roll back the last
  // commits, among them a broadcast the UI already showed as sent or the receipt of a delivery that happened.
  // FULL syncs the WAL at every commit. It is the whole connection, not only the outbox's transactions:
  // ingest already batches (one commit per flush, about ten a second), so an fsync per commit costs it
  // little (npm run bench), and one setting cannot be forgotten by the next transaction that matters.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS, opts.now ?? Date.now);
  return db;
}
