/**
 * A source Onair watches: the embedded simulator or an external socket.io source (which carry the event's
 * time line and its chat), OBS Studio, the program probe (which carry program signals only), the platforms
 * later. All of them sit behind this one interface; a session is fed by any number of them at once.
 * Adapters deliver only validated data to the sink; anything malformed goes to `quarantined` with a reason.
 */
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { ChatMessage, ConnectionState, HealthSample, QuarantineKind, SourceHello } from '../../../../shared/types';

export interface SourceSink {
  /** Only a source that carries the event's time line says hello (the simulator, a socket.io source). */
  hello(hello: SourceHello): void;
  chat(messages: ChatMessage[]): void;
  /** A reading of the signals this source measures; the sink stamps it with the source's id. */
  health(sample: HealthSample): void;
  ended(at: number): void;
  /** The source's own state, with what is on the other end once known (`detail`). */
  connection(state: ConnectionState): void;
  /** Refused: stored with the reason and counted under `kind` (default: it failed its schema). */
  quarantined(event: string, reason: string, payload: unknown, kind?: QuarantineKind): void;
  /** The source accepted one of our posts: the chat message with this id is ours, whoever it names as author. */
  ownPost(messageId: string): void;
}

export interface SourceAdapter {
  /** What it watches, as shown to the operator (no secrets in it). */
  readonly url: string;
  start(sink: SourceSink): void;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** Post into the webinar chat; rejects nothing, answers { ok: false } when it cannot. */
  postToChat(post: ChatPost): Promise<ChatPostAck>;
}

/** For sources without a chat (OBS, the program probe). */
export const NO_CHAT = (kind: string) => async (): Promise<ChatPostAck> => ({
  ok: false,
  error: `${kind} has no chat`,
});
