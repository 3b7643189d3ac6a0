/**
 * Runs `fn` on one client of the pool between BEGIN and COMMIT; on any error it rolls back and rethrows. The
 * client always goes back to the pool, or is destroyed when even the rollback failed (its connection is gone),
 * so the pool never hands out a client stuck in a broken transaction or on a lost connection.
 */
import type pg from 'pg';

export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while the client is checked out is an 'error' event on it; unheard, it would end the
  // process. The query in flight fails with it too, and the client is destroyed on release.
  const lost = (e: Error) => (broken = e);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
