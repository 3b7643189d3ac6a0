/**
 * The outbox's store seam: what the outbox worker needs from a database, asynchronously, so one worker runs
 * on SQLite (one console, the embedded default: db/outbox-store-sqlite.ts) or on PostgreSQL (a team of
 * consoles sharing the outbox: postgres/outbox-store-postgres.ts). Both pass one contract suite
 * (outbox-store.contract.ts).
 *
 * A claim is the right to send one entry. It belongs to one store instance (one console) and lasts until
 * `leaseUntil`; the sender renews it while the send goes on. An entry left 'sending' without a live claim was
 * cut off (its console crashed or lost the database): `interrupted` lists those, and the outbox treats them
 * with the unknown-outcome rules. On SQLite one console owns the file, so every 'sending' row it did not
 * claim itself is cut off; on PostgreSQL a claim lives until its lease expires, whichever console holds it.
 *
 * Every state change is guarded: an update of an entry that is not in the expected state (or whose claim
 * another console now holds) changes nothing and answers false, so two consoles never both move one entry.
 */
import type { ChannelId, DeliveryReceipt } from '../../../../shared/channels';
import type { OutboxDraft, OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';

export interface NewOutboxEntry extends OutboxDraft {
  nextAttemptAt: number;
  createdAt: number;
}

export interface StoredEntry {
  entry: OutboxEntryView;
  /** False when the key was stored before: the existing entry, unchanged. */
  created: boolean;
}

export interface OutboxStore {
  /**
   * Inserts queued entries in one transaction, idempotent on the key. The SQLite engine writes before it
   * returns, so a caller inside a SQLite transaction commits its state and these rows together.
   */
  insertMany(entries: NewOutboxEntry[]): Promise<StoredEntry[]>;
  /** Channels with at least one due queued entry. */
  dueChannels(now: number): Promise<ChannelId[]>;
  /** The earliest next_attempt_at after `now` among queued entries (for the wake-up timer). */
  nextWakeAfter(now: number): Promise<number | undefined>;
  /**
   * Claims the oldest due queued entry of `channel` (queued → sending, attempts + 1) until `now + leaseMs`,
   * passing over entries another console is claiming at the same moment. Undefined when none is due.
   */
  claimNext(channel: ChannelId, now: number): Promise<OutboxEntryView | undefined>;
  /** Extends this console's claim on an entry it is sending; false when the claim is no longer its own. */
  renewClaim(id: number, now: number): Promise<boolean>;
  /** The receipt first, then sending → sent, in one transaction. Throws (and writes nothing) if the claim is gone. */
  markSentWithReceipt(id: number, receipt: DeliveryReceipt, now: number): Promise<void>;
  /** sending → queued with a new due time, after a retryable error. */
  reschedule(id: number, nextAt: number, error: string, now: number): Promise<boolean>;
  /** queued | sending (this console's, or a cut-off one) → failed; not retried until the operator asks. */
  fail(id: number, error: string, now: number): Promise<boolean>;
  /** queued | failed → skipped, by the operator. */
  skip(id: number, reason: string, now: number): Promise<boolean>;
  /** queued | failed → queued and due now (a failed one with fresh attempts and its doubtful parts cleared). */
  retry(id: number, now: number): Promise<boolean>;
  /** Parts of a multi-part post already delivered. */
  partsDone(id: number): Promise<string[]>;
  /** Parts past their point of no return without an answer, with their recipients. */
  partsSending(id: number): Promise<Record<string, string[]>>;
  markPartDone(id: number, part: string): Promise<void>;
  markPartSending(id: number, part: string, recipients: readonly string[]): Promise<void>;
  clearPartSending(id: number, part: string): Promise<void>;
  /** Entries in 'sending' that no live claim holds: cut off mid-send. */
  interrupted(now: number): Promise<OutboxEntryView[]>;
  /** Queues those of `ids` that are still cut off again (same key); returns the ids it queued. */
  requeueInterrupted(ids: readonly number[], now: number): Promise<number[]>;
  byId(id: number): Promise<OutboxEntryView | undefined>;
  byKey(key: string): Promise<OutboxEntryView | undefined>;
  byIncident(incidentId: string): Promise<OutboxEntryView[]>;
  bySession(sessionId: string): Promise<OutboxEntryView[]>;
  /** Newest first. */
  all(limit?: number): Promise<OutboxEntryView[]>;
}
