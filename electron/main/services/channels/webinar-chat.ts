/**
 * Posting into the webinar chat: every chat the event has, each a part of the one outbox entry. The time
 * line's source (socket.io `chat.post` with ack) recognises our idempotency key as ChatPost.key and answers
 * `duplicate: true` for a repeat, so a post there whose ack was lost goes again safely. A platform's chat
 * (YouTube's liveChatMessages.insert) knows no key: its part is marked before the request leaves, and one
 * that got no answer is left to the operator, never posted twice. Parts already in a chat are not sent
 * again when the entry is retried for another chat that failed.
 */
import type { ChatPost } from '../../../../shared/source-protocol';
import type { Clock } from '../../../../shared/clock';
import { DEFAULT_CHAT_AUTHOR } from '../../../../shared/channels';
import { previewForChannel } from '../../../../shared/domain/broadcast/channel-preview';
import type { ChatPostOutcome } from '../ingest/source-adapter';
import { systemClock } from '../clock';
import { ChannelError, inMemoryProgress, type AdapterOptions, type ChannelAdapter } from './channel-adapter';
import { plainText } from './format';

/** One chat the event has: the time line source's, or a platform's. */
export interface ChatDestination {
  /** The part's name in the outbox: the source's id ("simulator", "youtube"). */
  id: string;
  /** "Simulator", "YouTube Live": names it in receipts and errors. */
  label: string;
  connected(): boolean;
  /** Whether the chat recognises ChatPost.key, so a post in doubt may go again. */
  dedupes: boolean;
  maxLength: number;
  post(post: ChatPost): Promise<ChatPostOutcome>;
}

export interface WebinarChatDeps extends AdapterOptions {
  /** The chats of the event right now. */
  destinations: () => ChatDestination[];
}

const DEFAULT_ACK_TIMEOUT_MS = 10_000;

/** The post was handed over, so a missing answer or an abort leaves its outcome unknown. */
function withDeadline<T>(work: Promise<T>, ms: number, clock: Clock, signal?: AbortSignal): Promise<T | 'no-answer'> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return resolve('no-answer');
    const timer = clock.setTimer(ms, () => resolve('no-answer'));
    const onAbort = () => resolve('no-answer');
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      timer.dispose();
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

interface Refusal {
  label: string;
  error: string;
  permanent: boolean;
  retryAfterMs?: number;
}

export function createWebinarChatAdapter(deps: WebinarChatDeps): ChannelAdapter {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const clock = deps.clock ?? systemClock;
  return {
    id: 'webinar-chat',
    tracksParts: true,
    async send(post, creds, signal, outboxProgress) {
      const destinations = deps.destinations();
      if (!destinations.length) throw new ChannelError('webinar-chat: no source with a chat is connected', true);
      const progress = outboxProgress ?? inMemoryProgress();
      const author = creds.author?.trim() || DEFAULT_CHAT_AUTHOR;
      const posted: string[] = [];
      const earlier: string[] = [];
      const inDoubt: string[] = [];
      const refused: Refusal[] = [];
      let remoteId: string | undefined;
      let duplicate = false;
      for (const d of destinations) {
        if (progress.isDone(d.id)) {
          earlier.push(d.label);
          continue;
        }
        if (progress.isUnknown(d.id) && !d.dedupes) {
          inDoubt.push(`${d.label}: cut off earlier, before its answer`);
          continue;
        }
        if (!d.connected()) {
          refused.push({ label: d.label, error: 'not connected', permanent: false });
          continue;
        }
        // A post queued before a tighter chat joined is fitted to it here, its link kept.
        const text =
          plainText(post).length <= d.maxLength
            ? plainText(post)
            : previewForChannel({ body: post.text, link: post.link }, 'webinar-chat', {
                maxLength: d.maxLength,
                label: d.label,
              }).text;
        await progress.markSending(d.id, [d.label]);
        let outcome: ChatPostOutcome | 'no-answer';
        try {
          outcome = await withDeadline(d.post({ key: post.idempotencyKey, author, text }), timeoutMs, clock, signal);
        } catch (err) {
          outcome = { ok: false, error: err instanceof Error ? err.message : 'unknown error', unknown: true };
        }
        if (outcome === 'no-answer' || (!outcome.ok && outcome.unknown)) {
          const why = outcome === 'no-answer' ? `no answer within ${timeoutMs} ms` : outcome.error;
          inDoubt.push(`${d.label}: ${why}`);
          continue;
        }
        if (!outcome.ok) {
          progress.markRefused(d.id);
          refused.push({
            label: d.label,
            error: outcome.error,
            permanent: !!outcome.permanent,
            retryAfterMs: outcome.retryAfterMs,
          });
          continue;
        }
        progress.markDone(d.id);
        posted.push(d.label);
        remoteId ??= outcome.messageId;
        duplicate ||= outcome.duplicate;
      }
      if (refused.length) {
        const what = refused.map((r) => `${r.label}: ${r.error}`).join('; ');
        const wait = Math.max(0, ...refused.map((r) => r.retryAfterMs ?? 0));
        throw new ChannelError(
          `webinar-chat: ${what}${posted.length ? ` (posted to ${posted.join(', ')})` : ''}`,
          refused.some((r) => !r.permanent),
          undefined,
          wait || undefined,
        );
      }
      const doubt = inDoubt.length ? `; outcome unknown for ${inDoubt.join('; ')}` : '';
      if (inDoubt.length && !outboxProgress) throw ChannelError.maybeDelivered(`webinar-chat${doubt}`);
      const where = posted.length ? `posted to ${posted.join(', ')}` : 'nothing new to post';
      const before = earlier.length ? `; already in ${earlier.join(', ')}` : '';
      return {
        channel: 'webinar-chat',
        remoteId,
        detail: `${duplicate ? 'already in the chat (duplicate key)' : where}${before}${doubt}`,
        at: Date.now(),
      };
    },
    async testConnection() {
      const all = deps.destinations();
      const up = all.filter((d) => d.connected()).map((d) => d.label);
      if (!all.length) return { ok: false, detail: 'no source with a chat' };
      return up.length === all.length
        ? { ok: true, detail: `posts go to the live chat of ${up.join(', ')}` }
        : {
            ok: false,
            detail: `not connected: ${all
              .filter((d) => !d.connected())
              .map((d) => d.label)
              .join(', ')}`,
          };
    },
  };
}
