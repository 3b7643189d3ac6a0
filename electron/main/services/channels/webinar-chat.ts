/**
 * Posting into the webinar chat through the live source connection (socket.io `chat.post` with ack).
 * The idempotency key becomes ChatPost.key: a source posts a key at most once and answers `duplicate: true`
 * for a repeat, so a retry after a lost ack is safe. A refusal or a dead connection is retryable; a missing ack
 * is an unknown outcome (maybeDelivered), which the outbox may retry here because the source knows the key.
 */
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { Clock } from '../../../../shared/clock';
import { DEFAULT_CHAT_AUTHOR } from '../../../../shared/channels';
import { systemClock } from '../clock';
import { ChannelError, type AdapterOptions, type ChannelAdapter } from './channel-adapter';
import { plainText } from './format';

export interface WebinarChatDeps extends AdapterOptions {
  /** Provided by the ingest adapter; resolves with the source's ack. */
  postToChat: (post: ChatPost) => Promise<ChatPostAck>;
  /** Whether the source connection is up right now. */
  chatConnected: () => boolean;
}

const DEFAULT_ACK_TIMEOUT_MS = 10_000;

/** The post was handed to the source, so a missing ack or an abort leaves its outcome unknown. */
function withDeadline<T>(work: Promise<T>, ms: number, clock: Clock, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (msg: string) => () => reject(ChannelError.maybeDelivered(`webinar-chat: ${msg}`));
    if (signal?.aborted) return fail('send was aborted')();
    const timer = clock.setTimer(ms, fail(`source did not acknowledge within ${ms} ms`));
    const onAbort = fail('send was aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      timer.dispose();
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

export function createWebinarChatAdapter(deps: WebinarChatDeps): ChannelAdapter {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  return {
    id: 'webinar-chat',
    async send(post, creds, signal) {
      if (!deps.chatConnected()) throw new ChannelError('webinar-chat: source is not connected', true);
      const chatPost: ChatPost = {
        key: post.idempotencyKey,
        author: creds.author?.trim() || DEFAULT_CHAT_AUTHOR,
        text: plainText(post),
      };
      let ack: ChatPostAck;
      try {
        ack = await withDeadline(deps.postToChat(chatPost), timeoutMs, deps.clock ?? systemClock, signal);
      } catch (err) {
        if (err instanceof ChannelError) throw err;
        throw new ChannelError(
          `webinar-chat: posting failed (${err instanceof Error ? err.message : 'unknown error'})`,
          true,
        );
      }
      if (!ack.ok) throw new ChannelError(`webinar-chat: source refused the post: ${ack.error}`, true);
      return {
        channel: 'webinar-chat',
        remoteId: ack.messageId,
        detail: ack.duplicate ? 'already in the chat (duplicate key)' : 'posted to the chat',
        at: Date.now(),
      };
    },
    async testConnection() {
      return deps.chatConnected()
        ? { ok: true, detail: 'source connected; posts go to the live chat' }
        : { ok: false, detail: 'source not connected' };
    },
  };
}
