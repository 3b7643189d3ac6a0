/**
 * The one interface every broadcast channel implements. The outbox calls `send` with an entry it has already
 * stored; the adapter either returns a receipt or throws a ChannelError that tells the outbox whether a retry
 * can help. Adapters are plain Node (no `electron`) so tests run them against real local peers.
 */
import type { ChannelId, DeliveryReceipt } from '../../../../shared/channels';
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
}

/** Decrypted credential values keyed by CHANNEL_SPECS[channel].credentialFields[].key. */
export type Credentials = Record<string, string>;

/**
 * For posts delivered in parts (e-mail batches): which parts earlier attempts already delivered. The
 * outbox stores each part as done before the adapter moves on, so a retry sends only what is missing.
 */
export interface DeliveryProgress {
  isDone(part: string): boolean;
  markDone(part: string): void;
}

export interface ChannelAdapter {
  id: ChannelId;
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
  ) {
    super(message);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

/** Options every network adapter factory accepts. */
export interface AdapterOptions {
  /** Per-request timeout in ms (default 10 000). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
