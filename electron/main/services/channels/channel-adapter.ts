/**
 * The one interface every broadcast channel implements. The outbox calls `send` with an entry it has already
 * stored; the adapter either returns a receipt or throws a ChannelError that tells the outbox whether a retry
 * can help. Adapters are plain Node (no `electron`) so tests run them against real local peers.
 */
import type { ChannelId, DeliveryReceipt } from '../../../../shared/channels';
import type { Clock } from '../../../../shared/clock';
import type { PostPhase } from '../../../../shared/domain/vocabulary';

export interface OutgoingPost {
  /** Stable per outbox entry: a retried send carries the same key, so peers that support it can de-duplicate. */
  idempotencyKey: string;
  channel: ChannelId;
  subject?: string;
  text: string;
  link?: string;
  incidentId?: string;
  eventName: string;
  lang: string;
  createdAt: number;
  phase: PostPhase;
  /** Files that go with the post where the channel can carry them (e-mail): the .ics of a postponement. */
  attachments?: { filename: string; contentType: string; content: string }[];
  /**
   * E-mail and SMS: the post in other languages, keyed by language, each fitted to the channel like `text`.
   * A person whose language has one gets it instead of `text` (and `subject`); everyone else gets the main text.
   */
  variants?: Record<string, { subject?: string; text: string }>;
}

/** Decrypted credential values keyed by CHANNEL_SPECS[channel].credentialFields[].key. */
export type Credentials = Record<string, string>;

/**
 * For posts delivered in parts (e-mail batches): which parts earlier attempts already delivered, and which
 * went past the point of no return without an answer. The outbox stores every mark durably, in order (markSending
 * resolves once it is stored), so a retry (or a restart after a crash) sends only what is known to be missing.
 */
export interface DeliveryProgress {
  isDone(part: string): boolean;
  markDone(part: string): void;
  /**
   * Call right before the point after which the platform may deliver the part (SMTP: the end-of-data dot),
   * naming who it goes to. Until markDone or markRefused the part's outcome is unknown: it is never sent
   * again automatically, and the operator is shown its recipients. Await it before going past that point: it
   * resolves once the mark is stored, and rejects when the attempt is already over (then nothing may be sent).
   */
  markSending(part: string, recipients: readonly string[]): Promise<void>;
  /** The platform answered that it did not take the part (e.g. SMTP 4xx/5xx after the dot): it may go again. */
  markRefused(part: string): void;
  /** Marked sending and never answered (a crash, a lost reply): do not send it again. */
  isUnknown(part: string): boolean;
}

export interface ChannelAdapter {
  id: ChannelId;
  /**
   * Every send marks each part through DeliveryProgress.markSending before its point of no return. Then a
   * send cut off by a crash is safe to resume even where the platform cannot recognise our key: parts not
   * marked never reached it, and the marked ones are left to the operator.
   */
  tracksParts?: boolean;
  /**
   * Deliver one post. Resolves with a receipt once the platform accepted it.
   * Rejects with ChannelError only; its message never contains credential values or full secret URLs.
   */
  send(
    post: OutgoingPost,
    creds: Credentials,
    signal?: AbortSignal,
    progress?: DeliveryProgress,
  ): Promise<DeliveryReceipt>;
  /** Cheap authenticated call for the settings screen; never throws. */
  testConnection(creds: Credentials): Promise<{ ok: boolean; detail: string }>;
}

/**
 * Error semantics for the outbox:
 * - `retryable: false` — bad credentials, bad payload, missing configuration, a 4xx (except 408/429):
 *   retrying the same entry cannot succeed, surface it to the operator.
 * - `retryable: true` — 5xx, 408, 429, network failures, timeouts, a disconnected source.
 * - `maybeDelivered` — the request reached the platform (or may have) and no verdict came back: a timeout
 *   after it was sent, a connection closed before or during the answer. The post may already be public, so
 *   the outbox re-sends it only where the channel recognises our key, and otherwise puts it to the operator.
 *   Everything that fails before the request leaves (refused, DNS, TLS, connect timeout) is not maybeDelivered.
 * - `retryAfterMs` — the peer's Retry-After (or equivalent) when it sent one; the outbox should wait at least this.
 * - `status` — HTTP status, or the SMTP reply code for e-mail.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    retryAfterMs?: number,
    readonly maybeDelivered = false,
  ) {
    super(message);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }

  /** Sent, but no verdict. Retryable only where the peer recognises our key and so cannot post it twice. */
  static maybeDelivered(message: string, status?: number): ChannelError {
    return new ChannelError(message, true, status, undefined, true);
  }
}

/** Options every network adapter factory accepts. */
export interface AdapterOptions {
  /**
   * How long to wait for the platform's answer once the request is out (default 60 s). Giving up after that
   * is an unknown outcome (maybeDelivered), so it is generous: a slow answer is cheaper than an operator check.
   */
  timeoutMs?: number;
  /** How long to try to reach the platform before anything is sent (default 10 s); failing here is safe to retry. */
  connectTimeoutMs?: number;
  /** Runs both timeouts (default: the system clock); tests pass a fake clock. */
  clock?: Clock;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Progress kept in memory, for a send without an outbox behind it (tests, a one-off call). */
export function inMemoryProgress(): DeliveryProgress {
  const done = new Set<string>();
  const sending = new Set<string>();
  return {
    isDone: (p) => done.has(p),
    markDone: (p) => (done.add(p), sending.delete(p)),
    markSending: async (p) => void sending.add(p),
    markRefused: (p) => void sending.delete(p),
    isUnknown: (p) => sending.has(p),
  };
}
