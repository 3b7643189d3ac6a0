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
 *   repo.withTransaction(() => { incidents.save(next); outbox.enqueue(drafts); });
 * enqueue nests as a savepoint; the worker kick and onChange run after the caller's transaction has finished,
 * and only for rows that were committed.
 */
import { CHANNEL_SPECS, type ChannelId, CHANNELS_WITHOUT_CREDENTIALS } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import { ChannelError, type ChannelAdapter, type Credentials } from '../channels/channel-adapter';
import { scrub } from '../channels/redact';
import type { OutboxRepo } from '../db/outbox-repo';
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

/** 2 s, 4 s, 8 s … capped at 5 min. `attempt` is 1 for the first failed attempt. */
export const defaultBackoff = (attempt: number): number =>
  Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, attempt - 1));

export interface OutboxDeps {
  repo: OutboxRepo;
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
  /** Operational problems worth a log line (never contains credential values). */
  log?(message: string): void;
}

export interface Outbox {
  /** Writes the entries (idempotent per key), then wakes the worker. Returns the stored entries. */
  enqueue(drafts: OutboxDraft[]): OutboxEntryView[];
  /** Re-queues entries a crash left in 'sending', then sends whatever is due. */
  start(): void;
  /** A failed (fresh attempts) or waiting entry becomes due now. False when it is sending, sent or skipped. */
  retryNow(id: number): boolean;
  /** The operator decides not to send a queued or failed entry. */
  skip(id: number, reason: string): boolean;
  /** Stops scheduling and resolves when in-flight sends have finished. */
  stop(): Promise<void>;
  list(filter?: OutboxFilter): OutboxEntryView[];
  get(id: number): OutboxEntryView | undefined;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { repo, clock } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoff = deps.backoff ?? defaultBackoff;
  const sendTimeoutMs = deps.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const log = deps.log ?? (() => undefined);
  const lanes = new Map<ChannelId, Promise<void>>();
  /** Entries start() found cut off by a crash, until they are sent or failed. */
  const cutOff = new Set<number>();
  let timer: { at: number; handle: Disposable } | undefined;
  let started = false;
  let stopped = false;
  let kickQueued = false;

  const emit = (id: number) => {
    const view = repo.byId(id);
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
    const now = clock.now();
    for (const channel of repo.dueChannels(now)) {
      if (lanes.has(channel)) continue; // that lane kicks again when its send is done
      const run = runLane(channel).then(
        () => {
          lanes.delete(channel);
          kick();
        },
        (err: unknown) => {
          // A database error (busy, disk full): back off instead of spinning on the same failure.
          lanes.delete(channel);
          log(
            `outbox: ${channel} lane failed (${err instanceof Error ? err.message : 'unknown error'}); retrying in ${LANE_ERROR_DELAY_MS} ms`,
          );
          wakeAt(clock.now() + LANE_ERROR_DELAY_MS, clock.now());
        },
      );
      lanes.set(channel, run);
    }
    const next = repo.nextWakeAfter(now);
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
    const entry = repo.due(clock.now(), 1, channel)[0];
    if (!entry || !repo.claim(entry.id, clock.now())) return;
    emit(entry.id);
    if (entry.rehearsal) {
      repo.markSentWithReceipt(entry.id, sandboxReceipt(entry, clock.now()), clock.now());
      return emit(entry.id);
    }
    const attemptNo = entry.attempts + 1;
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
      const done = new Set(repo.partsDone(entry.id));
      const doubt = inDoubtNote(Object.entries(repo.partsSending(entry.id)).filter(([part]) => !done.has(part)));
      const now = clock.now();
      // Sent but unanswered: only a platform that recognises our key may be asked again.
      if (known && err.maybeDelivered && !CHANNEL_SPECS[channel].dedupesByKey)
        repo.fail(entry.id, `${OUTCOME_UNKNOWN}: ${label} may already show it (${message}). ${CHECK}`, now);
      else if (known && !err.retryable) repo.fail(entry.id, `${message}${doubt}`, now);
      else if (attemptNo >= maxAttempts)
        repo.fail(entry.id, `${message} (gave up after ${attemptNo} attempts)${doubt}`, now);
      else {
        const hinted = Math.min(MAX_RETRY_AFTER_MS, known ? (err.retryAfterMs ?? 0) : 0);
        repo.reschedule(entry.id, now + Math.max(1, backoff(attemptNo), hinted), `${message}${doubt}`, now);
      }
      return emit(entry.id);
    }
    if (attempt.inDoubt.size) {
      // Everything that could go out did; what is left in doubt waits for the operator.
      const why = cutOff.has(entry.id) ? INTERRUPTED : OUTCOME_UNKNOWN;
      const detail = scrub(attempt.receipt.detail, creds);
      repo.fail(
        entry.id,
        `${why}: ${label}: ${detail}${inDoubtNote([...attempt.inDoubt])} ${CHECK_PARTS}`,
        clock.now(),
      );
      return emit(entry.id);
    }
    try {
      repo.markSentWithReceipt(entry.id, attempt.receipt, clock.now());
    } catch (err) {
      // Delivered but not recorded (disk full?). The row stays 'sending'; the next start() re-sends it
      // with the same key, which is the at-least-once side of the trade.
      log(
        `outbox: entry ${entry.id} was delivered but its receipt could not be stored (${err instanceof Error ? err.message : 'error'})`,
      );
      return;
    }
    emit(entry.id);
  }

  function failNow(id: number, reason: string): void {
    repo.fail(id, reason, clock.now());
    emit(id);
  }

  return {
    enqueue(drafts) {
      const now = clock.now();
      const before = new Set(drafts.map((d) => repo.byKey(d.idempotencyKey)?.id).filter((id) => id !== undefined));
      const entries = repo.insertMany(drafts.map((d) => ({ ...d, nextAttemptAt: now, createdAt: now })));
      const created = entries.filter((e) => !before.has(e.id)).map((e) => e.id);
      queueMicrotask(() => created.forEach(emit)); // emit() re-reads: a rolled-back row is not announced
      kickSoon();
      return entries;
    },
    start() {
      if (started || stopped) return;
      started = true;
      const now = clock.now();
      // A post cut off mid-send may already be public. Where the platform recognises our key, sending it
      // again is safe; elsewhere a resend could publish it twice, so the operator checks and decides.
      for (const e of repo.interrupted()) {
        if (e.rehearsal) continue; // it never went anywhere: the sandbox takes it again
        cutOff.add(e.id);
        // Parts not marked never reached the platform; the marked ones are held back for the operator.
        if (CHANNEL_SPECS[e.channel].dedupesByKey || deps.adapters[e.channel]?.tracksParts) continue;
        repo.fail(
          e.id,
          `${INTERRUPTED}: ${CHANNEL_SPECS[e.channel].label} may already show it. Check there, then Retry or Skip.`,
          now,
        );
        emit(e.id);
      }
      repo.requeueInterrupted(now).forEach(emit);
      kick();
    },
    retryNow(id) {
      const ok = repo.retry(id, clock.now());
      if (ok) {
        emit(id);
        kickSoon();
      }
      return ok;
    },
    skip(id, reason) {
      const ok = repo.skip(id, reason, clock.now());
      if (ok) emit(id);
      return ok;
    },
    async stop() {
      stopped = true;
      timer?.handle.dispose();
      timer = undefined;
      await Promise.allSettled([...lanes.values()]);
    },
    get: (id) => repo.byId(id),
    list(filter = {}) {
      const { incidentId, sessionId, status, channel, limit = 200 } = filter;
      const base = incidentId
        ? repo.byIncident(incidentId)
        : sessionId
          ? repo.bySession(sessionId)
          : repo.all(Math.max(limit, 1000));
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
