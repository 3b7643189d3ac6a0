/**
 * The outbox store on SQLite: one console owns the file, so a claim needs no lease. This store remembers the
 * entries it claimed; any other 'sending' row was left by an earlier run that crashed, and is cut off.
 * Every call does its work synchronously before it returns its (already settled) promise, so a caller inside a
 * SQLite transaction still commits its own rows and the outbox's together.
 */
import type { OutboxStore } from '../outbox/outbox-store';
import type { Db } from './open';
import { outboxRepo } from './outbox-repo';

export function sqliteOutboxStore(db: Db): OutboxStore {
  const repo = outboxRepo(db);
  const claimed = new Set<number>();
  /** Runs `fn` now and hands its result (or its error) over as a promise. */
  const settled = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const release = <T>(id: number, result: T): T => (claimed.delete(id), result);
  const claimNext = db.transaction((channel: Parameters<OutboxStore['claimNext']>[0], now: number) => {
    const entry = repo.due(now, 1, channel)[0];
    if (!entry || !repo.claim(entry.id, now)) return undefined;
    claimed.add(entry.id);
    return repo.byId(entry.id);
  });

  return {
    insertMany: (entries) => settled(() => repo.insertMany(entries)),
    dueChannels: (now) => settled(() => repo.dueChannels(now)),
    nextWakeAfter: (now) => settled(() => repo.nextWakeAfter(now)),
    claimNext: (channel, now) => settled(() => claimNext(channel, now)),
    renewClaim: (id) => settled(() => claimed.has(id) && repo.byId(id)?.status === 'sending'),
    markSentWithReceipt: (id, receipt, now) =>
      settled(() => {
        if (!claimed.has(id)) throw new Error(`outbox entry ${id} is not claimed here; receipt not recorded`);
        repo.markSentWithReceipt(id, receipt, now);
        claimed.delete(id);
      }),
    reschedule: (id, nextAt, error, now) =>
      settled(() => claimed.has(id) && release(id, repo.reschedule(id, nextAt, error, now))),
    fail: (id, error, now) => settled(() => release(id, repo.fail(id, error, now))),
    skip: (id, reason, now) => settled(() => repo.skip(id, reason, now)),
    retry: (id, now) => settled(() => repo.retry(id, now)),
    partsDone: (id) => settled(() => repo.partsDone(id)),
    partsSending: (id) => settled(() => repo.partsSending(id)),
    markPartDone: (id, part) => settled(() => repo.markPartDone(id, part)),
    markPartSending: (id, part, recipients) => settled(() => repo.markPartSending(id, part, recipients)),
    clearPartSending: (id, part) => settled(() => repo.clearPartSending(id, part)),
    interrupted: () => settled(() => repo.interrupted().filter((e) => !claimed.has(e.id))),
    requeueInterrupted: (ids, now) =>
      settled(() =>
        repo.requeueInterrupted(
          ids.filter((id) => !claimed.has(id)),
          now,
        ),
      ),
    byId: (id) => settled(() => repo.byId(id)),
    byKey: (key) => settled(() => repo.byKey(key)),
    byIncident: (incidentId) => settled(() => repo.byIncident(incidentId)),
    bySession: (sessionId) => settled(() => repo.bySession(sessionId)),
    all: (limit) => settled(() => repo.all(limit)),
  };
}
