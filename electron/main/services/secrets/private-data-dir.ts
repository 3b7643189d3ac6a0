/**
 * The data folder holds the database (chat, incidents, sealed credentials) and, for the web console, by
 * default the key that unseals them. Threat handled: another user of the same machine reading either. The
 * folder is made 0700 and the database files 0600, also when an older version left them readable; files
 * created later are private from the start because the entry points set the umask to 077 first.
 * (Windows keeps its own ACLs: a profile folder is private already; nothing is changed there.)
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The files of the database in a data folder (SQLite gives the -wal and -shm the main file's mode). */
const DB_FILES = ['onair.sqlite', 'onair.sqlite-wal', 'onair.sqlite-shm'];

/** Makes files and folders this process creates from now on readable by its own user only. */
export function privateUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/**
 * Creates `dir` (0700) or tightens an existing Onair data folder to 0700 and its database files to 0600.
 * A folder that holds other things and no database yet (say, the operator's home passed as --data) keeps its
 * mode, unless `owned` says it is the app's own (Electron's userData): the database files created in it are
 * 0600 anyway. Returns what it could not tighten, for a warning.
 */
export function preparePrivateDataDir(dir: string, o: { owned?: boolean } = {}): string | undefined {
  const existed = existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return undefined;
  const ours = o.owned || !existed || readdirSync(dir).length === 0 || existsSync(join(dir, DB_FILES[0]));
  try {
    for (const name of DB_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) chmodSync(file, 0o600);
    }
    if (!ours)
      return `${dir} holds other files, so its permissions were left as they are (the database files are 0600)`;
    chmodSync(dir, 0o700);
  } catch (err) {
    return `could not make ${dir} private: ${(err as Error).message}`;
  }
  return undefined;
}
