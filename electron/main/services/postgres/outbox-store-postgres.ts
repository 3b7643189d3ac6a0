/**
 * The outbox store on the team database (see outbox/outbox-store.ts for the contract). Several consoles share
 * these rows; each store instance is one console (`owner`) and claims entries for `leaseMs` at a time.
 *
 * - claimNext is one UPDATE whose sub-select locks the oldest due row FOR UPDATE SKIP LOCKED: two consoles
 *   claiming at once take different rows, and neither waits for the other.
 * - A claim is its owner's until someone acts on it: sending-state changes (markSent, reschedule, renew) need
 *   `claimed_by = owner`. Once its lease has passed it is cut off: `interrupted` lists it and `fail` or
 *   `requeueInterrupted` may take it, each re-checking the lease in its own UPDATE, so an owner renewing late
 *   and a console taking over never both win.
 * - Every time is the calling console's clock (`now`), never PostgreSQL's, so fake clocks drive it in tests.
 *   Consoles compare each other's leases by their own clocks: keep them in sync (NTP) and leases long
 *   against the skew.
 * - Changes are announced on `onair_outbox` by a trigger (migrations/0001-outbox.ts; change-feed.ts listens).
 *
 * Expects a pool from openTeamDatabase (BIGINT read as numbers).
 */
import type pg from 'pg';
import type { ChannelId, DeliveryReceipt, DeliveryStatus } from '../../../../shared/channels';
import type { OutboxEntryView, PostAttachment, PostVariants } from '../../../../shared/domain/broadcast/outbox-entry';
import type { PostPhase } from '../../../../shared/domain/vocabulary';
import type { NewOutboxEntry, OutboxStore } from '../outbox/outbox-store';
import { inTransaction } from './transaction';

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
  remote_id?: string | null;
  receipt_detail?: string | null;
  attachments: PostAttachment[] | null;
  variants: PostVariants | null;
  rehearsal: boolean;
}

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** The same view as db/outbox-repo.ts's. */
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
  ...(r.attachments ? { attachments: r.attachments } : {}),
  ...(r.variants ? { variants: r.variants } : {}),
  ...(r.rehearsal ? { rehearsal: true as const } : {}),
});

const SELECT = `SELECT o.*, r.remote_id AS remote_id, r.detail AS receipt_detail
  FROM outbox_entries o LEFT JOIN delivery_receipts r ON r.outbox_id = o.id`;

/** Leaving 'sending' ends the claim (a CHECK in 0001 holds the two together). */
const UNCLAIM = 'claimed_by = NULL, lease_until = NULL';

const INSERT = `INSERT INTO outbox_entries (idempotency_key, session_id, incident_id, round, channel, phase, lang,
    subject, text, link, event_name, status, attempts, next_attempt_at, created_at, updated_at, attachments,
    variants, rehearsal, event_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', 0, $12, $13, $13, $14::jsonb, $15::jsonb, $16, $17)
  ON CONFLICT (idempotency_key) DO NOTHING`;

const insertValues = (e: NewOutboxEntry, eventKey: string) => [
  e.idempotencyKey,
  e.sessionId ?? null,
  e.incidentId ?? null,
  e.round ?? null,
  e.channel,
  e.phase,
  e.lang,
  e.subject ?? null,
  e.text,
  e.link ?? null,
  e.eventName,
  e.nextAttemptAt,
  e.createdAt,
  // Stringified by hand: pg would send a JS array as a PostgreSQL array, not as JSON.
  e.attachments?.length ? JSON.stringify(e.attachments) : null,
  e.variants && Object.keys(e.variants).length ? JSON.stringify(e.variants) : null,
  e.rehearsal === true,
  eventKey,
];

export function postgresOutboxStore(
  pool: pg.Pool,
  {
    owner,
    leaseMs,
    eventKey = () => '',
  }: {
    owner: string;
    leaseMs: number;
    /** The event this console's outbox sends for: it claims (and lists) that event's entries only. */
    eventKey?: () => string;
  },
): OutboxStore {
  const rows = async (text: string, values: unknown[] = []) => (await pool.query<EntryRow>(text, values)).rows;
  const views = async (text: string, values: unknown[] = []) => (await rows(text, values)).map(toView);
  const changed = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount === 1;
  const column = async <T>(name: 'parts_done' | 'parts_sending', id: number, empty: T): Promise<T> => {
    const { rows: found } = await pool.query<Record<string, T>>(`SELECT ${name} FROM outbox_entries WHERE id = $1`, [
      id,
    ]);
    return found[0]?.[name] ?? empty;
  };

  return {
    insertMany: (entries) =>
      inTransaction(pool, async (client) => {
        const stored = [];
        for (const e of entries) {
          const created = (await client.query(INSERT, insertValues(e, eventKey()))).rowCount === 1;
          const found = await client.query<EntryRow>(`${SELECT} WHERE o.idempotency_key = $1`, [e.idempotencyKey]);
          stored.push({ entry: toView(found.rows[0]), created });
        }
        return stored;
      }),

    async dueChannels(now) {
      const { rows: found } = await pool.query<{ channel: ChannelId }>(
        "SELECT DISTINCT channel FROM outbox_entries WHERE event_key = $2 AND status = 'queued' AND next_attempt_at <= $1 ORDER BY channel",
        [now, eventKey()],
      );
      return found.map((r) => r.channel);
    },

    async nextWakeAfter(now) {
      const { rows: found } = await pool.query<{ at: number | null }>(
        "SELECT MIN(next_attempt_at) AS at FROM outbox_entries WHERE event_key = $2 AND status = 'queued' AND next_attempt_at > $1",
        [now, eventKey()],
      );
      return opt(found[0].at);
    },

    // A queued entry has no receipt yet, so RETURNING gives the whole view.
    async claimNext(channel, now) {
      const [row] = await rows(
        `UPDATE outbox_entries
           SET status = 'sending', attempts = attempts + 1, claimed_by = $3, lease_until = $2::bigint + $4::bigint,
             updated_at = $2
         WHERE status = 'queued' AND id = (
           SELECT id FROM outbox_entries
           WHERE event_key = $5 AND status = 'queued' AND channel = $1 AND next_attempt_at <= $2
           ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [channel, now, owner, leaseMs, eventKey()],
      );
      return row ? toView(row) : undefined;
    },

    renewClaim: (id, now) =>
      changed(
        `UPDATE outbox_entries SET lease_until = $2::bigint + $3::bigint
         WHERE id = $1 AND status = 'sending' AND claimed_by = $4`,
        [id, now, leaseMs, owner],
      ),

    markSentWithReceipt: (id, receipt: DeliveryReceipt, now) =>
      inTransaction(pool, async (client) => {
        await client.query(
          'INSERT INTO delivery_receipts (outbox_id, channel, remote_id, detail, at) VALUES ($1, $2, $3, $4, $5)',
          [id, receipt.channel, receipt.remoteId ?? null, receipt.detail, receipt.at],
        );
        const sent = await client.query(
          `UPDATE outbox_entries SET status = 'sent', sent_at = $2, updated_at = $2, last_error = NULL, ${UNCLAIM}
           WHERE id = $1 AND status = 'sending' AND claimed_by = $3`,
          [id, now, owner],
        );
        if (sent.rowCount !== 1)
          throw new Error(`outbox entry ${id} is not being sent by this console; receipt not recorded`);
      }),

    reschedule: (id, nextAt, error, now) =>
      changed(
        `UPDATE outbox_entries SET status = 'queued', next_attempt_at = $2, last_error = $3, updated_at = $4, ${UNCLAIM}
         WHERE id = $1 AND status = 'sending' AND claimed_by = $5`,
        [id, nextAt, error, now, owner],
      ),

    fail: (id, error, now) =>
      changed(
        `UPDATE outbox_entries SET status = 'failed', last_error = $2, updated_at = $3, ${UNCLAIM}
         WHERE id = $1 AND (status = 'queued' OR (status = 'sending' AND (claimed_by = $4 OR lease_until < $3)))`,
        [id, error, now, owner],
      ),

    skip: (id, reason, now) =>
      changed(
        `UPDATE outbox_entries SET status = 'skipped', skip_reason = $2, updated_at = $3
         WHERE id = $1 AND status IN ('queued', 'failed')`,
        [id, reason, now],
      ),

    // An operator's Retry of a failed entry is also their answer for the parts in doubt: send those again.
    retry: (id, now) =>
      changed(
        `UPDATE outbox_entries SET status = 'queued', next_attempt_at = $2, updated_at = $2,
           attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END,
           parts_sending = CASE WHEN status = 'failed' THEN '{}'::jsonb ELSE parts_sending END
         WHERE id = $1 AND status IN ('queued', 'failed')`,
        [id, now],
      ),

    partsDone: (id) => column<string[]>('parts_done', id, []),
    partsSending: (id) => column<Record<string, string[]>>('parts_sending', id, {}),

    // One UPDATE each: no read-modify-write, so two writers cannot lose each other's part.
    async markPartDone(id, part) {
      await pool.query(
        `UPDATE outbox_entries SET parts_sending = parts_sending - $2::text,
           parts_done = CASE WHEN parts_done ? $2::text THEN parts_done ELSE parts_done || to_jsonb($2::text) END
         WHERE id = $1`,
        [id, part],
      );
    },
    async markPartSending(id, part, recipients) {
      await pool.query(
        `UPDATE outbox_entries SET parts_sending = parts_sending || jsonb_build_object($2::text, to_jsonb($3::text[]))
         WHERE id = $1`,
        [id, part, recipients],
      );
    },
    async clearPartSending(id, part) {
      await pool.query('UPDATE outbox_entries SET parts_sending = parts_sending - $2::text WHERE id = $1', [id, part]);
    },

    interrupted: (now) =>
      views(`${SELECT} WHERE o.event_key = $2 AND o.status = 'sending' AND o.lease_until < $1 ORDER BY o.id`, [
        now,
        eventKey(),
      ]),

    async requeueInterrupted(ids, now) {
      const { rows: queued } = await pool.query<{ id: number }>(
        `UPDATE outbox_entries SET status = 'queued', next_attempt_at = $2, updated_at = $2, ${UNCLAIM}
         WHERE id = ANY($1::bigint[]) AND status = 'sending' AND lease_until < $2
         RETURNING id`,
        [ids, now],
      );
      return queued.map((r) => r.id).sort((a, b) => a - b);
    },

    byId: async (id) => (await views(`${SELECT} WHERE o.id = $1`, [id]))[0],
    byKey: async (key) => (await views(`${SELECT} WHERE o.idempotency_key = $1`, [key]))[0],
    byIncident: (incidentId) => views(`${SELECT} WHERE o.incident_id = $1 ORDER BY o.id`, [incidentId]),
    bySession: (sessionId) => views(`${SELECT} WHERE o.session_id = $1 ORDER BY o.id`, [sessionId]),
    all: (limit = 200) => views(`${SELECT} WHERE o.event_key = $2 ORDER BY o.id DESC LIMIT $1`, [limit, eventKey()]),
  };
}
