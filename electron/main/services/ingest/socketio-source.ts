/**
 * The socket.io source adapter: connects to a webinar source URL, validates every payload
 * (source-events.ts) and reconnects with exponential backoff until stopped.
 *
 * socket.io-client retries a lost or refused transport by itself, but not two cases: a source that refuses
 * the connect in its middleware (`connect_error` from `io.use`), and one that disconnects us ("io server
 * disconnect"). Both get the same backoff here, on the injected clock; the first used to stop ingest for
 * good with "retry 1" on screen.
 *
 * A frame that does not decode used to close the connection ("parse error") and lose what the source sent
 * until the reconnect; the decoder here quarantines it and carries on. A frame broken below socket.io (the
 * engine.io layer) still drops the connection; a source with connection state recovery (the simulator)
 * then replays what we missed, from the last event id.
 */
import { io, type Socket } from 'socket.io-client';
import { Decoder, Encoder, isPacketValid, PacketType, type Packet } from 'socket.io-parser';
import type { Clock, Disposable } from '../../../../shared/clock';
import { chatPostAckSchema, parseWith } from '../../../../shared/schemas';
import { CHANNEL_SPECS } from '../../../../shared/channels';
import type { ChatPost, ChatPostAck, ClientToSource, SourceToClient } from '../../../../shared/source-protocol';
import type { ConnectionState, ConnectionStatus } from '../../../../shared/types';
import type { SourceAdapter, SourceSink } from './source-adapter';
import { sourceEvents } from './source-events';
import { messageOf } from '../../../../shared/error-message';

export interface SocketIoSourceOptions {
  url: string;
  clock: Clock;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  postTimeoutMs?: number;
  /** For tests: the jitter's randomness. */
  random?: () => number;
}

const RANDOMIZATION = 0.3;

/** socket.io-client's own backoff (min · 2^(attempt−1), ±30 % jitter, capped), for the retries it leaves to us. */
export function backoffMs(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ms = minMs * 2 ** Math.min(30, Math.max(0, attempt - 1));
  const r = random();
  const deviation = Math.floor(r * RANDOMIZATION * ms);
  return Math.min(Math.floor(r * 10) % 2 === 0 ? ms - deviation : ms + deviation, maxMs);
}

/** No socket listens here: a packet sent to it is dropped. */
const DROPPED = '\u0000dropped';

/**
 * socket.io's parser, except that a frame it cannot decode is reported instead of closing the connection,
 * and a packet that decodes but does not fit its type is reported instead of reaching socket.io-client:
 * a bare "4" (a connect error without its data) made the client throw in a timer, an uncaught exception.
 * A connect or connect error on a connection already open is out of turn: reported, not obeyed (a connect
 * error would otherwise end the session for good). A source that wants us gone disconnects us.
 */
function tolerantParser(onMalformed: (reason: string, frame: unknown) => void, connected: () => boolean) {
  class TolerantDecoder extends Decoder {
    constructor() {
      super();
      // Registered before the Manager's own listener, so a packet can be turned away before it sees it.
      this.on('decoded', (packet: Packet) => {
        const binary = packet.type === PacketType.BINARY_EVENT || packet.type === PacketType.BINARY_ACK;
        const handshake = packet.type === PacketType.CONNECT || packet.type === PacketType.CONNECT_ERROR;
        const why =
          packet.nsp !== '/'
            ? `packet for namespace ${JSON.stringify(String(packet.nsp).slice(0, 100))}, which Onair does not use`
            : !binary && !isPacketValid(packet)
              ? `packet does not fit its type (${PacketType[packet.type] ?? packet.type})`
              : handshake && connected()
                ? `${PacketType[packet.type]} on a connection already open`
                : null;
        if (!why) return;
        onMalformed(why, packet);
        packet.nsp = DROPPED;
      });
    }

    override add(frame: unknown): void {
      const why = (err: unknown) => `frame does not decode: ${messageOf(err)}`;
      try {
        super.add(frame);
      } catch (first) {
        // Perhaps only the packet before was broken (binary attachments that never came): drop the
        // half-built packet, count it, and read this frame afresh.
        this.destroy();
        try {
          super.add(frame);
          onMalformed(why(first), '(a binary packet whose attachments never came)');
        } catch (err) {
          this.destroy();
          onMalformed(why(err), frame);
        }
      }
    }
  }
  return { Encoder, Decoder: TolerantDecoder };
}

export function socketIoSource(opts: SocketIoSourceOptions): SourceAdapter {
  let socket: Socket<SourceToClient, ClientToSource> | null = null;
  let sink: SourceSink | null = null;
  let retry: Disposable | null = null;
  let attempt = 0;
  const minMs = opts.reconnectDelayMs ?? 500;
  const maxMs = opts.reconnectDelayMaxMs ?? 10_000;

  return {
    url: opts.url,
    isConnected: () => socket?.connected ?? false,

    start(to: SourceSink) {
      if (socket) throw new Error('source already started');
      sink = to;
      const state = (status: ConnectionStatus, lastError?: string): void => {
        const s: ConnectionState = { status, url: opts.url, since: opts.clock.now(), attempt };
        if (lastError) s.lastError = lastError;
        to.connection(s);
      };
      const events = sourceEvents(to);
      const s: Socket<SourceToClient, ClientToSource> = io(opts.url, {
        transports: ['websocket'],
        reconnection: true,
        reconnectionDelay: minMs,
        reconnectionDelayMax: maxMs,
        randomizationFactor: RANDOMIZATION,
        timeout: 5000,
        parser: tolerantParser(
          (reason, frame) => to.quarantined('frame', reason, frame, 'malformed-frame'),
          () => socket?.connected ?? false,
        ),
      });
      socket = s;
      state('connecting');

      // The retries socket.io-client does not make: the socket is inactive, nothing else will reconnect it.
      const retryLater = () => {
        if (retry || socket !== s) return;
        retry = opts.clock.setTimer(backoffMs(Math.max(1, attempt), minMs, maxMs, opts.random), () => {
          retry = null;
          if (socket === s && !s.active) s.connect();
        });
      };

      s.on('connect', () => {
        attempt = 0;
        retry?.dispose();
        retry = null;
        state('online');
      });
      s.on('disconnect', (reason) => {
        state('offline', reason);
        // A source that shuts down cleanly says goodbye ("io server disconnect"). A restarting simulator or
        // bridge does exactly that, so retry.
        if (reason === 'io server disconnect') retryLater();
      });
      s.on('connect_error', (err) => {
        attempt++;
        state('offline', err.message);
        if (!s.active) retryLater(); // refused by the source's middleware
      });
      s.onAny((event: unknown, ...args: unknown[]) => events.receive(event, args));
    },

    async stop() {
      const s = socket;
      socket = null;
      retry?.dispose();
      retry = null;
      if (!s) return;
      s.removeAllListeners();
      s.offAny();
      s.close();
    },

    // The source protocol recognises ChatPost.key: a post whose ack was lost may go again.
    postsToChat: { maxLength: CHANNEL_SPECS['webinar-chat'].maxLength, dedupes: true },
    postToChat(post: ChatPost): Promise<ChatPostAck> {
      const s = socket;
      if (!s?.connected) return Promise.resolve({ ok: false, error: 'webinar source is not connected' });
      return s
        .timeout(opts.postTimeoutMs ?? 5000)
        .emitWithAck('chat.post', post)
        .then((raw: unknown): ChatPostAck => {
          const r = parseWith(chatPostAckSchema, raw);
          if (!r.ok) return { ok: false, error: `the source's answer is not an ack (${r.reason})` };
          if (r.value.ok) sink?.ownPost(r.value.messageId);
          return r.value;
        })
        .catch((err: unknown) => ({
          ok: false as const,
          error: `no answer from the source: ${messageOf(err)}`,
        }));
    },
  };
}
