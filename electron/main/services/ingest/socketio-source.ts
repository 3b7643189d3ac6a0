/**
 * The socket.io source adapter: connects to a webinar source URL, validates every payload and
 * reconnects with exponential backoff (socket.io-client's own, tuned below) until stopped.
 */
import { io, type Socket } from 'socket.io-client';
import type { Clock } from '../../../../shared/clock';
import {
  chatMessageSchema,
  healthSampleSchema,
  LIMITS,
  parseWith,
  sourceHelloSchema,
} from '../../../../shared/schemas';
import type { ChatPost, ChatPostAck, ClientToSource, SourceToClient } from '../../../../shared/source-protocol';
import type { ChatMessage, ConnectionState, ConnectionStatus } from '../../../../shared/types';
import type { SourceAdapter, SourceSink } from './source-adapter';

export interface SocketIoSourceOptions {
  url: string;
  clock: Clock;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  postTimeoutMs?: number;
}

export function socketIoSource(opts: SocketIoSourceOptions): SourceAdapter {
  let socket: Socket<SourceToClient, ClientToSource> | null = null;
  let attempt = 0;

  return {
    url: opts.url,
    isConnected: () => socket?.connected ?? false,

    start(sink: SourceSink) {
      if (socket) throw new Error('source already started');
      const state = (status: ConnectionStatus, lastError?: string): void => {
        const s: ConnectionState = { status, url: opts.url, since: opts.clock.now(), attempt };
        if (lastError) s.lastError = lastError;
        sink.connection(s);
      };
      const s: Socket<SourceToClient, ClientToSource> = io(opts.url, {
        transports: ['websocket'],
        reconnection: true,
        reconnectionDelay: opts.reconnectDelayMs ?? 500,
        reconnectionDelayMax: opts.reconnectDelayMaxMs ?? 10_000,
        randomizationFactor: 0.3,
        timeout: 5000,
      });
      socket = s;
      state('connecting');

      s.on('connect', () => {
        attempt = 0;
        state('online');
      });
      s.on('disconnect', (reason) => {
        state('offline', reason);
        // A source that shuts down cleanly says goodbye ("io server disconnect"), and socket.io-client
        // does not retry those by itself. A restarting simulator or bridge does exactly that, so retry.
        if (reason === 'io server disconnect' && socket === s) s.connect();
      });
      s.on('connect_error', (err) => {
        attempt++;
        state('offline', err.message);
      });

      s.on('source.hello', (raw: unknown) => {
        const r = parseWith(sourceHelloSchema, raw);
        if (r.ok) sink.hello(r.value);
        else sink.quarantined('source.hello', r.reason, raw);
      });
      s.on('chat.message', (raw: unknown) => {
        const r = parseWith(chatMessageSchema, raw);
        if (r.ok) sink.chat([r.value]);
        else sink.quarantined('chat.message', r.reason, raw);
      });
      s.on('chat.batch', (raw: unknown) => {
        if (!Array.isArray(raw)) return sink.quarantined('chat.batch', 'not an array', raw);
        if (raw.length > LIMITS.batchMax)
          return sink.quarantined('chat.batch', `batch of ${raw.length} exceeds ${LIMITS.batchMax}`, raw.slice(0, 3));
        const good: ChatMessage[] = [];
        for (const item of raw) {
          const r = parseWith(chatMessageSchema, item);
          if (r.ok) good.push(r.value);
          else sink.quarantined('chat.batch', r.reason, item);
        }
        if (good.length) sink.chat(good);
      });
      s.on('health.sample', (raw: unknown) => {
        const r = parseWith(healthSampleSchema, raw);
        if (r.ok) sink.health(r.value);
        else sink.quarantined('health.sample', r.reason, raw);
      });
      s.on('source.ended', (raw: unknown) => {
        const at = (raw as { endedAt?: unknown } | null)?.endedAt;
        sink.ended(typeof at === 'number' ? at : opts.clock.now());
      });
    },

    async stop() {
      const s = socket;
      socket = null;
      if (!s) return;
      s.removeAllListeners();
      s.close();
    },

    postToChat(post: ChatPost): Promise<ChatPostAck> {
      const s = socket;
      if (!s?.connected) return Promise.resolve({ ok: false, error: 'webinar source is not connected' });
      return s
        .timeout(opts.postTimeoutMs ?? 5000)
        .emitWithAck('chat.post', post)
        .catch((err: unknown) => ({
          ok: false as const,
          error: `no answer from the source: ${err instanceof Error ? err.message : String(err)}`,
        }));
    },
  };
}
