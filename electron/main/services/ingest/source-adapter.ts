/**
 * A webinar source: the embedded simulator today, real platform bridges later. Adapters deliver only
 * validated data to the sink; anything malformed goes to `quarantined` with a reason.
 */
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { ChatMessage, ConnectionState, HealthSample, QuarantineKind, SourceHello } from '../../../../shared/types';

export interface SourceSink {
  hello(hello: SourceHello): void;
  chat(messages: ChatMessage[]): void;
  health(sample: HealthSample): void;
  ended(at: number): void;
  connection(state: ConnectionState): void;
  /** Refused: stored with the reason and counted under `kind` (default: it failed its schema). */
  quarantined(event: string, reason: string, payload: unknown, kind?: QuarantineKind): void;
  /** The source accepted one of our posts: the chat message with this id is ours, whoever it names as author. */
  ownPost(messageId: string): void;
}

export interface SourceAdapter {
  readonly url: string;
  start(sink: SourceSink): void;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** Post into the webinar chat; rejects nothing, answers { ok: false } when it cannot. */
  postToChat(post: ChatPost): Promise<ChatPostAck>;
}
