/**
 * Outbox entries and their delivery receipts. Every state change is one guarded UPDATE
 * (`WHERE status = …`), so two workers (or a worker and the operator) can never both move the same entry:
 * the loser sees `false`. Receipts and the 'sent' status are written in one transaction, receipt first; a
 * trigger in 0003-broadcast refuses 'sent' without a receipt.
 */
import type { ChannelId, DeliveryReceipt, DeliveryStatus } from '../../../../shared/channels';
import type { Db } from './open';
import type { PostPhase } from '../../../../shared/domain/vocabulary';
import type { OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import type { NewOutboxEntry, StoredEntry } from '../outbox/outbox-store';

interface EntryRow {
  id: number;
  idempotency_key: string;
  session_id: string | null;
  incident_id: string | null;
  round: number | null;
  channel: string;
  phase: string;
  lang: string;
  subject: string | null;
  text: string;
  link: string | null;
  event_name: string;
  status: DeliveryStatus;
  skip_reason: string | null;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  remote_id: string | null;
  receipt_detail: string | null;
  attachments: string | null;
  variants: string | null;
  rehearsal: number;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

const toView = (r: EntryRow): OutboxEntryView => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  sessionId: opt(r.session_id),
  incidentId: opt(r.incident_id),
  round: opt(r.round),
  channel: r.channel as ChannelId,
  phase: r.phase as PostPhase,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: opt(r.last_error),
  skipReason: opt(r.skip_reason),
  remoteId: opt(r.remote_id),
  receiptDetail: opt(r.receipt_detail),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: opt(r.sent_at),
  eventName: r.event_name,
  text: r.text,
  subject: opt(r.subject),
  link: opt(r.link),
  lang: r.lang,
  ...(r.attachments ? { attachments: JSON.parse(r.attachments) as OutboxEntryView['attachments'] } : {}),
  ...(r.variants ? { variants: JSON.parse(r.variants) as OutboxEntryView['variants'] } : {}),
  ...(r.rehearsal ? { rehearsal: true as const } : {}),
});

const SELECT = `SELECT o.*, r.remote_id AS remote_id, r.detail AS receipt_detail
  FROM outbox_entries o LEFT JOIN delivery_receipts r ON r.outbox_id = o.id`;

export function outboxRepo(db: Db) {
  const insert = db.prepare(
    // A post of a rehearsal session is a rehearsal's, whatever its caller said: the sandbox flag cannot be forgotten.
    `INSERT INTO outbox_entries (idempotency_key, session_id, incident_id, round, channel, phase, lang, subject, text,
       link, event_name, status, attempts, next_attempt_at, created_at, updated_at, attachments, variants, rehearsal)
     VALUES (@idempotencyKey, @sessionId, @incidentId, @round, @channel, @phase, @lang, @subject, @text,
       @link, @eventName, 'queued', 0, @nextAttemptAt, @createdAt, @createdAt, @attachments, @variants,
       MAX(@rehearsal, COALESCE((SELECT s.rehearsal FROM sessions s WHERE s.id = @sessionId), 0)))
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const byId = db.prepare(`${SELECT} WHERE o.id = ?`);
  const byKey = db.prepare(`${SELECT} WHERE o.idempotency_key = ?`);
  const byIncident = db.prepare(`${SELECT} WHERE o.incident_id = ? ORDER BY o.id`);
  const bySession = db.prepare(`${SELECT} WHERE o.session_id = ? ORDER BY o.id`);
  const all = db.prepare(`${SELECT} ORDER BY o.id DESC LIMIT ?`);
  const due = db.prepare(
    `${SELECT} WHERE o.status = 'queued' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  );
  const dueOn = db.prepare(
    `${SELECT} WHERE o.status = 'queued' AND o.next_attempt_at <= ? AND o.channel = ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  );
  const dueChannels = db.prepare(
    "SELECT DISTINCT channel FROM outbox_entries WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY channel",
  );
  const nextWake = db.prepare(
    "SELECT MIN(next_attempt_at) AS at FROM outbox_entries WHERE status = 'queued' AND next_attempt_at > ?",
  );
  const claim = db.prepare(
    "UPDATE outbox_entries SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'",
  );
  const insReceipt = db.prepare(
    'INSERT INTO delivery_receipts (outbox_id, channel, remote_id, detail, at) VALUES (?, ?, ?, ?, ?)',
  );
  const markSent = db.prepare(
    "UPDATE outbox_entries SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'",
  );
  const reschedule = db.prepare(
    "UPDATE outbox_entries SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'",
  );
  const fail = db.prepare(
    "UPDATE outbox_entries SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'sending')",
  );
  const skip = db.prepare(
    "UPDATE outbox_entries SET status = 'skipped', skip_reason = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'failed')",
  );
  // An operator's Retry of a failed entry is also their answer for the parts in doubt: send those again.
  const retry = db.prepare(
    `UPDATE outbox_entries SET status = 'queued', next_attempt_at = @now, updated_at = @now,
       attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END,
       parts_sending = CASE WHEN status = 'failed' THEN '{}' ELSE parts_sending END
     WHERE id = @id AND status IN ('queued', 'failed')`,
  );
  const partsDone = db.prepare('SELECT parts_done FROM outbox_entries WHERE id = ?').pluck();
  const setPartsDone = db.prepare('UPDATE outbox_entries SET parts_done = ? WHERE id = ?');
  const partsSending = db.prepare('SELECT parts_sending FROM outbox_entries WHERE id = ?').pluck();
  const setPartsSending = db.prepare('UPDATE outbox_entries SET parts_sending = ? WHERE id = ?');
  const interruptedViews = db.prepare(`${SELECT} WHERE o.status = 'sending' ORDER BY o.id`);
  const requeue = db.prepare(
    "UPDATE outbox_entries SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'sending'",
  );

  const one = (row: unknown) => (row ? toView(row as EntryRow) : undefined);
  const many = (rows: unknown[]) => (rows as EntryRow[]).map(toView);

  const insertMany = db.transaction((entries: NewOutboxEntry[]): StoredEntry[] =>
    entries.map((e) => {
      const { changes } = insert.run({
        idempotencyKey: e.idempotencyKey,
        sessionId: e.sessionId ?? null,
        incidentId: e.incidentId ?? null,
        round: e.round ?? null,
        channel: e.channel,
        phase: e.phase,
        lang: e.lang,
        subject: e.subject ?? null,
        text: e.text,
        link: e.link ?? null,
        eventName: e.eventName,
        nextAttemptAt: e.nextAttemptAt,
        createdAt: e.createdAt,
        attachments: e.attachments?.length ? JSON.stringify(e.attachments) : null,
        variants: e.variants && Object.keys(e.variants).length ? JSON.stringify(e.variants) : null,
        rehearsal: e.rehearsal ? 1 : 0,
      });
      return { entry: toView(byKey.get(e.idempotencyKey) as EntryRow), created: changes === 1 };
    }),
  );

  const markSentWithReceipt = db.transaction((id: number, receipt: DeliveryReceipt, now: number) => {
    insReceipt.run(id, receipt.channel, receipt.remoteId ?? null, receipt.detail, receipt.at);
    if (markSent.run(now, now, id).changes !== 1)
      throw new Error(`outbox entry ${id} is not being sent; receipt not recorded`);
  });

  const requeueInterrupted = db.transaction((ids: readonly number[], now: number) =>
    ids.filter((id) => requeue.run(now, now, id).changes === 1),
  );

  const sendingOf = (id: number) =>
    JSON.parse((partsSending.get(id) as string | undefined) ?? '{}') as Record<string, string[]>;
  const withoutSending = (id: number, part: string) => {
    const sending = sendingOf(id);
    if (!(part in sending)) return;
    delete sending[part];
    setPartsSending.run(JSON.stringify(sending), id);
  };

  const markPartDone = db.transaction((id: number, part: string) => {
    const done = new Set(JSON.parse((partsDone.get(id) as string | undefined) ?? '[]') as string[]);
    done.add(part);
    setPartsDone.run(JSON.stringify([...done]), id);
    withoutSending(id, part);
  });

  const markPartSending = db.transaction((id: number, part: string, recipients: readonly string[]) => {
    const sending = sendingOf(id);
    sending[part] = [...recipients];
    setPartsSending.run(JSON.stringify(sending), id);
  });
  const clearPartSending = db.transaction((id: number, part: string) => withoutSending(id, part));

  return {
    /**
     * Inserts queued entries in one transaction (a savepoint when the caller is already in one). Idempotent on
     * the key: an existing key returns the stored entry unchanged, never a second row.
     */
    insertMany: (entries: NewOutboxEntry[]): StoredEntry[] => insertMany(entries),
    /** Runs `fn` in one transaction, so a caller's state change and its outbox rows commit (or roll back) together. */
    withTransaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** Queued entries whose time has come, oldest due first; optionally only one channel's. */
    due(now: number, limit: number, channel?: ChannelId): OutboxEntryView[] {
      return many(channel ? dueOn.all(now, channel, limit) : due.all(now, limit));
    },
    /** Channels with at least one due entry. */
    dueChannels: (now: number): ChannelId[] => (dueChannels.all(now) as { channel: ChannelId }[]).map((r) => r.channel),
    /** The earliest next_attempt_at after `now` among queued entries (for the wake-up timer). */
    nextWakeAfter: (now: number): number | undefined => opt((nextWake.get(now) as { at: number | null }).at),
    /** queued → sending and attempts + 1, atomically. False when the entry is not queued (someone else has it). */
    claim: (id: number, now: number): boolean => claim.run(now, id).changes === 1,
    /** One transaction: the receipt first, then sending → sent. Throws (and writes nothing) if the entry is not 'sending'. */
    markSentWithReceipt(id: number, receipt: DeliveryReceipt, now = receipt.at): void {
      markSentWithReceipt(id, receipt, now);
    },
    /** sending → queued with a new due time, after a retryable error. */
    reschedule: (id: number, nextAt: number, error: string, now: number): boolean =>
      reschedule.run(nextAt, error, now, id).changes === 1,
    /** queued|sending → failed; not retried until the operator asks. */
    fail: (id: number, error: string, now: number): boolean => fail.run(error, now, id).changes === 1,
    /** queued|failed → skipped, by the operator. An entry being sent cannot be skipped. */
    skip: (id: number, reason: string, now: number): boolean => skip.run(reason, now, id).changes === 1,
    /** failed|queued → queued and due now; a failed entry gets a fresh set of attempts and its parts in doubt go again. */
    retry: (id: number, now: number): boolean => retry.run({ id, now }).changes === 1,
    /** Parts of a post already delivered (see DeliveryProgress). */
    partsDone: (id: number): string[] => JSON.parse((partsDone.get(id) as string | undefined) ?? '[]') as string[],
    /** Records one more delivered part, durably, before the adapter moves on (and takes it off the in-doubt list). */
    markPartDone: (id: number, part: string): void => markPartDone(id, part),
    /** Parts that went past the point of no return with no answer recorded yet, with their recipients. */
    partsSending: (id: number): Record<string, string[]> => sendingOf(id),
    /** Records, durably, that a part is about to pass the point of no return (the caller then sends it). */
    markPartSending: (id: number, part: string, recipients: readonly string[]): void =>
      markPartSending(id, part, recipients),
    /** The platform refused the part: it is no longer in doubt and may be sent again. */
    clearPartSending: (id: number, part: string): void => clearPartSending(id, part),
    /** Entries a crash left in 'sending' (call before requeueInterrupted). */
    interrupted: (): OutboxEntryView[] => many(interruptedViews.all()),
    /** Queues those of `ids` still in 'sending' again (same key), after a crash cut them off. Returns the ids it queued. */
    requeueInterrupted: (ids: readonly number[], now: number): number[] => requeueInterrupted(ids, now),
    byId: (id: number): OutboxEntryView | undefined => one(byId.get(id)),
    byKey: (key: string): OutboxEntryView | undefined => one(byKey.get(key)),
    byIncident: (incidentId: string): OutboxEntryView[] => many(byIncident.all(incidentId)),
    bySession: (sessionId: string): OutboxEntryView[] => many(bySession.all(sessionId)),
    /** Newest first. */
    all: (limit = 200): OutboxEntryView[] => many(all.all(limit)),
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;
