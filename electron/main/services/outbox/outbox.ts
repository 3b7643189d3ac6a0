/**
 * The persistent outbox: every broadcast post is a row first and a network call second, so nothing is lost
 * when the app crashes, and a resend after a crash carries the same idempotency key.
 *
 * Idempotency keys are made by the caller and identify "this post on this channel", e.g.
 * `${incidentId}:${round}:${channel}` (or `manual:${uuid}:${channel}` for an ad-hoc post). Enqueueing a key
 * again returns the existing entry, and adapters pass the key to peers that de-duplicate on it (SMS gateway and
 * generic webhook `Idempotency-Key`, e-mail Message-ID, status page, webinar chat). Where the channel
 * recognises a repeated key (CHANNEL_SPECS[...].dedupesByKey) delivery is exactly-once across crashes. X,
 * LinkedIn, Facebook, Slack, Teams, Discord and e-mail cannot recognise a resend, so a post whose outcome is
 * unknown there is never re-sent blindly: cut off by a crash it fails as INTERRUPTED, sent but unanswered
 * (a timeout or a connection lost after the request left: ChannelError.maybeDelivered) it fails as
 * OUTCOME_UNKNOWN, and the operator checks the platform, then retries or skips it. E-mail goes out in batches
 * and records each one before its end-of-data dot (DeliveryProgress.markSending), so only the batches whose
 * answer was lost are put to the operator, with their recipients, while the rest go out on their own
 * (tests/integration/outbox-crash*.test.ts kill a real process mid-send to check all of this).
 *
 * Life of an entry: queued → (claim) sending → receipt + sent in one transaction | queued again after a
 * retryable error with backoff | failed. A crash leaves 'sending' rows; start() queues them again where the
 * channel recognises a repeated key or its adapter tracks parts, and fails them for the operator to check
 * where neither holds.
 * One lane per channel, one send at a time per lane, so a dead or slow channel never holds up the others.
 * Time comes only from the injected Clock; the worker sleeps on one clock timer set to the earliest due
 * entry and never polls.
 *
 * A rehearsal's entry (outbox_entries.rehearsal) is never handed to an adapter, nor asked for credentials: the
 * lane delivers it to the sandbox (sandboxReceipt), which is the one place that keeps a rehearsal from the
 * audience.
 *
 * Same-transaction rule: a caller that changes its own state and enqueues posts does
 *   db.transaction(() => { incidents.save(next); queued = outbox.enqueue(drafts); })();
 * then awaits `queued`. On SQLite enqueue writes before it returns (a savepoint of the caller's transaction) and
 * throws at once when it cannot; the worker kick and onChange run after the caller's transaction has
 * finished, and only for rows that were committed.
 *
 * The store is a seam (outbox-store.ts): on PostgreSQL several consoles share the outbox. Each claims an entry
 * before sending it and renews the claim while the send goes on; every `sweepMs` it looks for entries whose
 * console died mid-send (their claim expired) and treats them as cut off, exactly as start() treats what a
 * crash left behind. Another console's changes arrive through `changed(id)`.
 */
import { CHANNEL_SPECS, type ChannelId, CHANNELS_WITHOUT_CREDENTIALS } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import { ChannelError, type ChannelAdapter, type Credentials } from '../channels/channel-adapter';
import { scrub } from '../channels/redact';
import type { OutboxStore } from './outbox-store';
import {
  INTERRUPTED,
  OUTCOME_UNKNOWN,
  type OutboxDraft,
  type OutboxEntryView,
  type OutboxFilter,
} from '../../../../shared/domain/broadcast/outbox-entry';
import { attemptSend, sandboxReceipt, type Attempt } from './send-attempt';

const NOT_CONFIGURED = 'channel not configured';
const MAX_BACKOFF_MS = 5 * 60_000;
/** A peer's Retry-After is honoured up to this; a bogus "come back in a week" must not park a live update. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const LANE_ERROR_DELAY_MS = 5000;
/**
 * The outbox's backstop on one send, restarted by every part an adapter records. Above every adapter's own
 * waits: 10 s to connect + 60 s for an HTTP answer, 5 min for SMTP up to the dot + 10 min for its reply.
 */
const DEFAULT_SEND_TIMEOUT_MS = 11 * 60_000;
const DEFAULT_RENEW_CLAIM_MS = 10_000;

/** 2 s, 4 s, 8 s … capped at 5 min. `attempt` is 1 for the first failed attempt. */
export const defaultBackoff = (attempt: number): number =>
  Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, attempt - 1));

export interface OutboxDeps {
  repo: OutboxStore;
  adapters: Partial<Record<ChannelId, ChannelAdapter>>;
  /** Decrypted credentials, or null when the channel is not configured. May throw when they are unreadable. */
  credentials(channel: ChannelId): Credentials | null;
  clock: Clock;
  /** Called after every state change of an entry, with the stored view. */
  onChange?(entry: OutboxEntryView): void;
  maxAttempts?: number;
  backoff?(attempt: number): number;
  /**
   * Backstop on one send, enforced by the outbox even if an adapter ignores its AbortSignal, restarted by
   * every part the adapter records (default 11 min, above SMTP's 10-minute wait for the final reply).
   */
  sendTimeoutMs?: number;
  /**
   * Whether a session is a rehearsal: its posts are marked for the sandbox before any store sees them (a
   * shared store does not know this console's sessions; SQLite checks them again itself).
   */
  rehearsalSession?(sessionId: string): boolean;
  /**
   * Channels this console takes from a shared store (default: all). A team's consoles may not all hold every
   * channel's credentials; a post waits for one that does instead of failing as "not configured".
   */
  canSend?(channel: ChannelId): boolean;
  /** How often a claim being sent is renewed (default 10 s; below the store's lease). */
  renewClaimMs?: number;
  /** How often to look for entries another console left cut off (shared stores only; default: never). */
  sweepMs?: number;
  /** Operational problems worth a log line (never contains credential values). */
  log?(message: string): void;
}

export interface Outbox {
  /**
   * Writes the entries (idempotent per key), then wakes the worker. Resolves to the stored entries. On SQLite
   * the rows are written (or the call throws) before it returns: see the same-transaction rule above.
   */
  enqueue(drafts: OutboxDraft[]): Promise<OutboxEntryView[]>;
  /** Re-queues entries a crash left in 'sending', then sends whatever is due. */
  start(): Promise<void>;
  /** A failed (fresh attempts) or waiting entry becomes due now. False when it is sending, sent or skipped. */
  retryNow(id: number): Promise<boolean>;
  /** The operator decides not to send a queued or failed entry. */
  skip(id: number, reason: string): Promise<boolean>;
  /**
   * Another console changed entry `id` in the shared store (or, without an id, anything may have changed while
   * this one was not listening): tell the listeners, and send what is due.
   */
  changed(id?: number): void;
  /** Stops scheduling and resolves when in-flight sends have finished. */
  stop(): Promise<void>;
  list(filter?: OutboxFilter): Promise<OutboxEntryView[]>;
  get(id: number): Promise<OutboxEntryView | undefined>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { repo, clock } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoff = deps.backoff ?? defaultBackoff;
  const sendTimeoutMs = deps.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const renewClaimMs = deps.renewClaimMs ?? DEFAULT_RENEW_CLAIM_MS;
  const log = deps.log ?? (() => undefined);
  const why = (err: unknown) => (err instanceof Error ? err.message : 'unknown error');
  const lanes = new Map<ChannelId, Promise<void>>();
  /** Entries start() found cut off by a crash, until they are sent or failed. */
  const cutOff = new Set<number>();
  let timer: { at: number; handle: Disposable } | undefined;
  let sweeper: Disposable | undefined;
  let started = false;
  let stopped = false;
  let kickQueued = false;

  const emit = async (id: number): Promise<void> => {
    const view = await repo.byId(id).catch((err: unknown) => void log(`outbox: entry ${id} unreadable (${why(err)})`));
    if (view && view.status !== 'queued' && view.status !== 'sending') cutOff.delete(id);
    if (!view || !deps.onChange) return;
    try {
      deps.onChange(view);
    } catch {
      // A failing listener must not stall delivery.
    }
  };

  /** Deferred to a microtask: never inside a caller's open transaction (it may still roll back). */
  function kickSoon(): void {
    if (kickQueued) return;
    kickQueued = true;
    queueMicrotask(() => {
      kickQueued = false;
      kick();
    });
  }

  function kick(): void {
    if (!started || stopped) return;
    scan().catch((err: unknown) => {
      // The database is busy or gone: back off instead of spinning on the same failure.
      log(`outbox: cannot read the queue (${why(err)}); retrying in ${LANE_ERROR_DELAY_MS} ms`);
      wakeAt(clock.now() + LANE_ERROR_DELAY_MS, clock.now());
    });
  }

  async function scan(): Promise<void> {
    const now = clock.now();
    const channels = await repo.dueChannels(now);
    if (stopped) return;
    for (const channel of channels) {
      if (lanes.has(channel)) continue; // that lane kicks again when its send is done
      if (deps.canSend && !deps.canSend(channel)) continue;
      const run = runLane(channel).then(
        () => {
          lanes.delete(channel);
          kick();
        },
        (err: unknown) => {
          // A database error (busy, disk full): back off instead of spinning on the same failure.
          lanes.delete(channel);
          log(`outbox: ${channel} lane failed (${why(err)}); retrying in ${LANE_ERROR_DELAY_MS} ms`);
          wakeAt(clock.now() + LANE_ERROR_DELAY_MS, clock.now());
        },
      );
      lanes.set(channel, run);
    }
    const next = await repo.nextWakeAfter(now);
    if (next !== undefined) wakeAt(next, now);
  }

  /** One timer, armed for the earliest wake-up anyone asked for. */
  function wakeAt(at: number, now: number): void {
    if (stopped || (timer && timer.at <= at)) return;
    timer?.handle.dispose();
    const handle = clock.setTimer(at - now, () => {
      if (timer?.handle === handle) timer = undefined;
      kick();
    });
    timer = { at, handle };
  }

  async function runLane(channel: ChannelId): Promise<void> {
    const entry = await repo.claimNext(channel, clock.now());
    if (!entry) return;
    await emit(entry.id);
    const renewal = keepClaim(entry.id);
    try {
      await send(entry);
    } finally {
      renewal.dispose();
    }
  }

  /** Renews the claim on an entry while it is being sent, so no other console takes it for a dead one's. */
  function keepClaim(id: number): Disposable {
    let handle: Disposable | undefined;
    const renew = () => {
      handle = clock.setTimer(renewClaimMs, () => {
        repo.renewClaim(id, clock.now()).then(
          (ours) => (ours ? renew() : log(`outbox: the claim on entry ${id} passed to another console`)),
          (err: unknown) => (log(`outbox: could not renew the claim on entry ${id} (${why(err)})`), renew()),
        );
      });
    };
    renew();
    return { dispose: () => handle?.dispose() };
  }

  async function send(entry: OutboxEntryView): Promise<void> {
    const { channel } = entry;
    if (entry.rehearsal) {
      await repo.markSentWithReceipt(entry.id, sandboxReceipt(entry, clock.now()), clock.now());
      return emit(entry.id);
    }
    const attemptNo = entry.attempts;
    const adapter = deps.adapters[channel];
    let creds: Credentials | null;
    try {
      creds = deps.credentials(channel) ?? (CHANNELS_WITHOUT_CREDENTIALS.has(channel) ? {} : null);
    } catch (err) {
      return failNow(entry.id, err instanceof Error ? err.message : 'credentials cannot be read');
    }
    if (!adapter) return failNow(entry.id, `no adapter for channel ${channel}`);
    if (!creds) return failNow(entry.id, NOT_CONFIGURED);

    const label = CHANNEL_SPECS[channel].label;
    let attempt: Attempt;
    try {
      attempt = await attemptSend({ repo, clock, sendTimeoutMs }, adapter, entry, creds);
    } catch (err) {
      const known = err instanceof ChannelError;
      const message = scrub(known ? err.message : `${channel}: unexpected error in adapter`, creds);
      const done = new Set(await repo.partsDone(entry.id));
      const doubt = inDoubtNote(Object.entries(await repo.partsSending(entry.id)).filter(([part]) => !done.has(part)));
      const now = clock.now();
      // Sent but unanswered: only a platform that recognises our key may be asked again.
      if (known && err.maybeDelivered && !CHANNEL_SPECS[channel].dedupesByKey)
        await repo.fail(entry.id, `${OUTCOME_UNKNOWN}: ${label} may already show it (${message}). ${CHECK}`, now);
      else if (known && !err.retryable) await repo.fail(entry.id, `${message}${doubt}`, now);
      else if (attemptNo >= maxAttempts)
        await repo.fail(entry.id, `${message} (gave up after ${attemptNo} attempts)${doubt}`, now);
      else {
        const hinted = Math.min(MAX_RETRY_AFTER_MS, known ? (err.retryAfterMs ?? 0) : 0);
        await repo.reschedule(entry.id, now + Math.max(1, backoff(attemptNo), hinted), `${message}${doubt}`, now);
      }
      return emit(entry.id);
    }
    if (attempt.inDoubt.size) {
      // Everything that could go out did; what is left in doubt waits for the operator.
      const why = cutOff.has(entry.id) ? INTERRUPTED : OUTCOME_UNKNOWN;
      const detail = scrub(attempt.receipt.detail, creds);
      await repo.fail(
        entry.id,
        `${why}: ${label}: ${detail}${inDoubtNote([...attempt.inDoubt])} ${CHECK_PARTS}`,
        clock.now(),
      );
      return emit(entry.id);
    }
    try {
      await repo.markSentWithReceipt(entry.id, attempt.receipt, clock.now());
    } catch (err) {
      // Delivered but not recorded (disk full, database gone?). The row stays 'sending'; the next start() (or
      // another console, once the claim expires) re-sends it with the same key: the at-least-once side of the trade.
      log(`outbox: entry ${entry.id} was delivered but its receipt could not be stored (${why(err)})`);
      return;
    }
    await emit(entry.id);
  }

  async function failNow(id: number, reason: string): Promise<void> {
    await repo.fail(id, reason, clock.now());
    await emit(id);
  }

  /**
   * A post cut off mid-send may already be public. Where the platform recognises our key, sending it again is
   * safe; elsewhere a resend could publish it twice, so the operator checks and decides.
   */
  async function recoverCutOff(): Promise<void> {
    const now = clock.now();
    const again: number[] = [];
    for (const e of await repo.interrupted(now)) {
      if (e.rehearsal) {
        again.push(e.id); // it never went anywhere: the sandbox takes it again
        continue;
      }
      cutOff.add(e.id);
      // Parts not marked never reached the platform; the marked ones are held back for the operator.
      if (CHANNEL_SPECS[e.channel].dedupesByKey || deps.adapters[e.channel]?.tracksParts) {
        again.push(e.id);
        continue;
      }
      const label = CHANNEL_SPECS[e.channel].label;
      if (await repo.fail(e.id, `${INTERRUPTED}: ${label} may already show it. Check there, then Retry or Skip.`, now))
        await emit(e.id);
    }
    for (const id of await repo.requeueInterrupted(again, now)) await emit(id);
  }

  function sweepEvery(ms: number): void {
    sweeper = clock.setTimer(ms, () => {
      recoverCutOff().then(kick, (err: unknown) => log(`outbox: could not look for cut-off sends (${why(err)})`));
      if (!stopped) sweepEvery(ms);
    });
  }

  return {
    // Not async: the store's write must happen (or throw) inside the caller's transaction.
    enqueue(drafts) {
      const now = clock.now();
      const rehearsal = (d: OutboxDraft) =>
        d.rehearsal || (d.sessionId !== undefined && deps.rehearsalSession?.(d.sessionId)) ? { rehearsal: true } : {};
      const stored = repo.insertMany(
        drafts.map((d) => ({ ...d, ...rehearsal(d), nextAttemptAt: now, createdAt: now })),
      );
      return stored.then((entries) => {
        // Announced after the caller's transaction: emit() re-reads, so a rolled-back row is not announced.
        queueMicrotask(() => entries.filter((e) => e.created).forEach((e) => void emit(e.entry.id)));
        kickSoon();
        return entries.map((e) => e.entry);
      });
    },
    async start() {
      if (started || stopped) return;
      started = true;
      await recoverCutOff();
      kick();
      if (deps.sweepMs) sweepEvery(deps.sweepMs);
    },
    async retryNow(id) {
      const ok = await repo.retry(id, clock.now());
      if (ok) {
        await emit(id);
        kickSoon();
      }
      return ok;
    },
    async skip(id, reason) {
      const ok = await repo.skip(id, reason, clock.now());
      if (ok) await emit(id);
      return ok;
    },
    changed(id) {
      if (id !== undefined) void emit(id);
      kickSoon();
    },
    async stop() {
      stopped = true;
      timer?.handle.dispose();
      timer = undefined;
      sweeper?.dispose();
      await Promise.allSettled([...lanes.values()]);
    },
    get: (id) => repo.byId(id),
    async list(filter = {}) {
      const { incidentId, sessionId, status, channel, limit = 200 } = filter;
      const base = await (incidentId
        ? repo.byIncident(incidentId)
        : sessionId
          ? repo.bySession(sessionId)
          : repo.all(Math.max(limit, 1000)));
      const keep = (e: OutboxEntryView) =>
        (!sessionId || e.sessionId === sessionId) &&
        (!status || e.status === status) &&
        (!channel || e.channel === channel);
      return base
        .filter(keep)
        .sort((a, b) => b.id - a.id)
        .slice(0, limit);
    },
  };
}

const CHECK = 'Check there, then Retry or Skip.';
const CHECK_PARTS = 'Check with them (or the mail server), then Retry to send to them again, or Skip.';

/** The parts in doubt and who they went to, for the operator; '' when there are none. */
function inDoubtNote(parts: [string, readonly string[]][]): string {
  if (!parts.length) return '';
  const who = parts.flatMap(([, recipients]) => recipients);
  const n = parts.length;
  return `; ${n} message${n === 1 ? '' : 's'} may or may not have arrived, to ${who.length} recipient${who.length === 1 ? '' : 's'}: ${who.join(', ')}.`;
}
