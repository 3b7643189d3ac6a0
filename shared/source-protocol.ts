/**
 * Wire protocol between a webinar source (the embedded simulator, later real platform bridges)
 * and Onair's ingest adapter, over socket.io. The source emits; Onair validates everything it receives
 * with `shared/schemas.ts` before it trusts a byte.
 */
import type { ChatMessage, HealthSample, SourceHello } from './types';

export interface SourceToClient {
  /** Sent once right after connect. */
  'source.hello': (hello: SourceHello) => void;
  'chat.message': (msg: ChatMessage) => void;
  /** Several chat messages at once (floods, fast playback). */
  'chat.batch': (msgs: ChatMessage[]) => void;
  'health.sample': (sample: HealthSample) => void;
  /** The scenario finished; the source stays connected but sends nothing more. */
  'source.ended': (info: { endedAt: number }) => void;
}

export interface ChatPost {
  /** Idempotency key: a source must post a given key at most once. */
  key: string;
  author: string;
  text: string;
}
export type ChatPostAck = { ok: true; messageId: string; duplicate: boolean } | { ok: false; error: string };

export interface ClientToSource {
  /** Post a message into the webinar chat (used by the "webinar chat" broadcast channel). */
  'chat.post': (post: ChatPost, ack: (res: ChatPostAck) => void) => void;
}
