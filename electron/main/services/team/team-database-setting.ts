/**
 * Which team database this console uses, remembered between starts. A connection string given on the command
 * line (`--database postgres://…`) or in ONAIR_DATABASE is sealed with the console's SecretBox (it usually
 * carries a password) into `team-database` in the data folder; a start without one uses the sealed one.
 * `--database sqlite` forgets it: the console is on its own again, on its embedded SQLite file.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from '../secrets/secret-box';

const EMBEDDED_DATABASE = 'sqlite';

/** The PostgreSQL connection string to use, or undefined for the embedded SQLite store. */
export function teamDatabaseUrl(o: { dataDir: string; box: SecretBox; given?: string }): string | undefined {
  const file = join(o.dataDir, 'team-database');
  const given = o.given?.trim();
  if (given === EMBEDDED_DATABASE) {
    rmSync(file, { force: true });
    return undefined;
  }
  if (given) {
    if (!/^postgres(ql)?:\/\//.test(given))
      throw new Error(`--database wants a postgres://… connection string or '${EMBEDDED_DATABASE}'`);
    if (!o.box.isAvailable()) throw new Error('cannot seal the team database credentials on this machine');
    writeFileSync(file, o.box.encrypt(given), { mode: 0o600 });
    return given;
  }
  return existsSync(file) ? o.box.decrypt(readFileSync(file)) : undefined;
}

/** The connection string without its password, for logs and the console's header. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable connection string)';
  }
}
