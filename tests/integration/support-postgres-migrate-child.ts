/**
 * Child process for postgres-migrate.test.ts: one console starting on the team database.
 *   node --import tsx tests/integration/support-postgres-migrate-child.ts <url> <n>
 * Prints "ready" once loaded, waits for a line on stdin (the test's starting gun, so all children open the
 * database at the same moment), opens it with applied_at recorded as <n>, prints "opened" and exits 0, or
 * prints "refused: <why>" and exits 1.
 */
import { once } from 'node:events';
import { openTeamDatabase } from '../../electron/main/services/postgres/connect';
import { messageOf } from '../../shared/error-message';

const [url, n] = process.argv.slice(2);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
try {
  const db = await openTeamDatabase({ url, now: () => Number(n) });
  await db.close();
  process.stdout.write('opened\n');
  process.exit(0);
} catch (error) {
  process.stdout.write(`refused: ${messageOf(error)}\n`);
  process.exit(1);
}
