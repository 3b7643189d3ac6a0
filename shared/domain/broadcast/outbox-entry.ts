/**
 * What the UI sees of the outbox: plain data. Main owns the rows; the renderer only renders these views and
 * sends commands.
 */
import type { ChannelId, DeliveryStatus } from '../../channels';
import type { EpochMs } from '../../types';
import type { PostPhase } from '../vocabulary';

/**
 * A post the caller wants delivered to one channel. `idempotencyKey` is made by the caller and must be stable
 * for "the same post", e.g. `${incidentId}:${round}:${channel}`: enqueueing an existing key is a no-op that
 * returns the existing entry, and adapters pass the key to peers that de-duplicate on it.
 */
export interface OutboxDraft {
  idempotencyKey: string;
  sessionId?: string;
  incidentId?: string;
  /** Which broadcast round of the incident (0 = first acknowledgement). */
  round?: number;
  channel: ChannelId;
  phase: PostPhase;
  lang: string;
  subject?: string;
  text: string;
  link?: string;
  eventName: string;
  /** Files that go with the post where the channel can carry them (the .ics of a postponement). */
  attachments?: PostAttachment[];
  /** E-mail and SMS: the same post in other languages of its audience, keyed by language (see PostVariants). */
  variants?: PostVariants;
  /** Posted while rehearsing: it goes to the sandbox. An entry of a rehearsal session is one whatever this says. */
  rehearsal?: boolean;
}

/**
 * The same post rendered from its template in another language, for the people on the audience list who read
 * that language (e-mail and SMS). The operator's edits are in the main text's language only.
 */
export type PostVariants = Record<string, { subject?: string; text: string }>;

/** A file that travels with a post, stored with its outbox entry so a retry after a restart still has it. */
export interface PostAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutboxEntryView {
  id: number;
  idempotencyKey: string;
  sessionId?: string;
  incidentId?: string;
  round?: number;
  channel: ChannelId;
  phase: PostPhase;
  /**
   * queued → sending → sent, or back to queued (retryable error, with nextAttemptAt), or failed (non-retryable
   * error, missing configuration, max attempts). skipped: the operator chose not to send it.
   */
  status: DeliveryStatus;
  /** Send attempts started so far (a crash mid-send counts as one). */
  attempts: number;
  /** When a queued entry is due; meaningless for other states. */
  nextAttemptAt: EpochMs;
  /** The last error, already scrubbed of credential values. */
  lastError?: string;
  skipReason?: string;
  /** The platform's id for the post (from the delivery receipt). */
  remoteId?: string;
  /** The receipt's detail (HTTP status, SMTP reply, "already on the page"). */
  receiptDetail?: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  sentAt?: EpochMs;
  eventName: string;
  text: string;
  subject?: string;
  link?: string;
  lang: string;
  attachments?: PostAttachment[];
  variants?: PostVariants;
  /** A rehearsal's post: delivered to the sandbox with REHEARSAL_NOT_SENT as its receipt, never to the channel. */
  rehearsal?: true;
}

export interface OutboxFilter {
  incidentId?: string;
  sessionId?: string;
  status?: DeliveryStatus;
  channel?: ChannelId;
  /** Newest first, at most this many (default 200). */
  limit?: number;
}

/** The receipt of a rehearsal's post: the sandbox kept it, no channel saw it. */
export const REHEARSAL_NOT_SENT = 'Rehearsal: not sent';

/** How an entry cut off mid-send by a restart is marked, on channels that cannot recognise a resend. */
export const INTERRUPTED = 'interrupted mid-send by a restart';

/** How an entry is marked that reached the platform but got no answer, on channels that cannot recognise a resend. */
export const OUTCOME_UNKNOWN = 'outcome unknown';

/**
 * A failed post that may already be public: only the operator can tell, by looking at the platform, and then
 * either retries it or marks it as already there. Never re-sent on its own.
 */
export const mayAlreadyBePublished = (e: Pick<OutboxEntryView, 'status' | 'lastError'>): boolean =>
  e.status === 'failed' &&
  (e.lastError?.startsWith(INTERRUPTED) === true || e.lastError?.startsWith(OUTCOME_UNKNOWN) === true);
