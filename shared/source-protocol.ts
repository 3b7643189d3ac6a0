/**
 * Wire protocol between a webinar source (the embedded simulator, later real platform bridges)
 * and Onair's ingest adapter, over socket.io. The source emits; Onair validates everything it receives
 * with `shared/schemas.ts` before it trusts a byte.
 */
import type { ChatMessage, HealthSample, SourceHello } from './types';

/**
 * What Onair accepts from a source. Anything else (another event name, a payload that fails its schema, a
 * timestamp outside the session's window, a frame that does not decode) is quarantined with a reason and
 * counted; the connection stays up. A chat id or a health timestamp seen before in the session is a duplicate:
 * dropped and counted, so a source may replay after a reconnect.
 */
export interface SourceToClient {
  /** Sent once right after connect (and again on reconnect; the same run keeps its session). */
  'source.hello': (hello: SourceHello) => void;
  'chat.message': (msg: ChatMessage) => void;
  /** Several chat messages at once (floods, fast playback). */
  'chat.batch': (msgs: ChatMessage[]) => void;
  'health.sample': (sample: HealthSample) => void;
  /**
   * The scenario finished; the source stays connected but sends nothing more. `endedAt` is in the session's
   * window; anything else is quarantined and the event goes on.
   */
  'source.ended': (info: { endedAt: number }) => void;
}

export interface ChatPost {
  /** Idempotency key: a source must post a given key at most once. */
  key: string;
  author: string;
  text: string;
}
/**
 * `messageId` is the id the post carries in the chat stream: that is how Onair knows the message is its own
 * (never by the author's name, which any viewer can take).
 */
export type ChatPostAck = { ok: true; messageId: string; duplicate: boolean } | { ok: false; error: string };

export interface ClientToSource {
  /** Post a message into the webinar chat (used by the "webinar chat" broadcast channel). */
  'chat.post': (post: ChatPost, ack: (res: ChatPostAck) => void) => void;
}
