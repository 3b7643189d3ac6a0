/**
 * A source Onair watches: the embedded simulator or an external socket.io source (which carry the event's
 * time line and its chat), OBS Studio, the program probe (which carry program signals only), the platforms
 * later. All of them sit behind this one interface; a session is fed by any number of them at once.
 * Adapters deliver only validated data to the sink; anything malformed goes to `quarantined` with a reason.
 */
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { QuotaView } from '../../../../shared/sources';
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
  postToChat(post: ChatPost): Promise<ChatPostOutcome>;
  /** A platform source whose chat takes our posts (YouTube): the webinar-chat channel posts there too. */
  readonly postsToChat?: {
    /** Longest message the chat takes; longer posts go as several messages. */
    maxLength: number;
    /** Whether the platform recognises ChatPost.key, so a post in doubt may be sent again. */
    dedupes: boolean;
  };
  /** A quota-metered source (YouTube): what watching costs today. */
  quota?(): QuotaView;
  /** The platform refused the sign-in for good: the producer must sign in again. */
  needsSignIn?(): boolean;
}

/**
 * A source's answer to a post: the ack of the source protocol, or, from a platform's API, a refusal that says
 * more: the post may be out without an answer (`unknown`: never sent again automatically), or it cannot
 * succeed as it is (`permanent`: the chat refuses us), or the platform asked us to wait.
 */
export type ChatPostOutcome =
  | Extract<ChatPostAck, { ok: true }>
  | { ok: false; error: string; unknown?: boolean; permanent?: boolean; retryAfterMs?: number };

/** For sources without a chat (OBS, the program probe). */
export const NO_CHAT = (kind: string) => async (): Promise<ChatPostOutcome> => ({
  ok: false,
  error: `${kind} has no chat`,
});
