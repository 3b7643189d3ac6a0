/**
 * A webinar source: the embedded simulator today, real platform bridges later. Adapters deliver only
 * validated data to the sink; anything malformed goes to `quarantined` with a reason.
 */
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { ChatMessage, ConnectionState, HealthSample, SourceHello } from '../../../../shared/types';

export interface SourceSink {
  hello(hello: SourceHello): void;
  chat(messages: ChatMessage[]): void;
  health(sample: HealthSample): void;
  ended(at: number): void;
  connection(state: ConnectionState): void;
  quarantined(event: string, reason: string, payload: unknown): void;
}

export interface SourceAdapter {
  readonly url: string;
  start(sink: SourceSink): void;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** Post into the webinar chat; rejects nothing, answers { ok: false } when it cannot. */
  postToChat(post: ChatPost): Promise<ChatPostAck>;
}
