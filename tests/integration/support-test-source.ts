/**
 * A webinar source under the test's control, on 127.0.0.1 port 0: a real socket.io server that speaks the
 * source protocol (shared/source-protocol.ts) or breaks it on purpose. It can refuse connects in its
 * middleware, send any event or payload, send raw frames below the protocol, answer chat posts, and keep
 * connection state like the simulator does (so a client that drops gets what it missed).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ChatPost, ChatPostAck } from '../../shared/source-protocol';
import type { HealthSample, SourceHello } from '../../shared/types';

export interface TestSourceOptions {
  /** Sent to every socket on connect (unless null). */
  hello: SourceHello | null;
  /** The middleware refuses this many connects first, with `next(new Error(...))`. */
  refuseFirst?: number;
  /** Keep connection state for two minutes, like the simulator. */
  recovery?: boolean;
  /** Sent to every socket right after the hello (a source that replays its history on every connect). */
  onConnect?: (socket: Socket) => void;
  /** The answer to a chat post; by default it is accepted, echoed into the chat as `post-N`, and acked. */
  answer?: (post: ChatPost) => unknown;
}

export interface TestSource {
  url: string;
  /** Connects the middleware saw, refused ones included. */
  connects(): number;
  clients(): number;
  send(event: string, ...args: unknown[]): void;
  /** A socket.io-level frame, as is ("2[…]" is an event): what a broken bridge could put on the wire. */
  frame(data: string): void;
  /** An engine.io-level frame, as is: below socket.io, written straight to the WebSocket. */
  engineFrame(data: string): void;
  /** Disconnect every client from the server side ("io server disconnect"). */
  kick(): void;
  posted: ChatPost[];
  close(): Promise<void>;
}

export const healthAt = (ts: number, over: Partial<HealthSample> = {}): HealthSample => ({
  ts,
  audioLevelDb: -18,
  audioPacketsPerSec: 50,
  videoFps: 30,
  bitrateKbps: 2500,
  droppedFrames: 0,
  streamState: 'online',
  viewers: 100,
  ...over,
});

export async function startTestSource(o: TestSourceOptions): Promise<TestSource> {
  const http = createServer();
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 16 * 2 ** 20,
    ...(o.recovery && { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 } }),
  });
  let connects = 0;
  const posted: ChatPost[] = [];
  io.use((_socket, next) => {
    connects++;
    if (connects <= (o.refuseFirst ?? 0)) next(new Error(`not yet (${connects})`));
    else next();
  });
  io.on('connection', (socket) => {
    if (o.hello) socket.emit('source.hello', o.hello);
    o.onConnect?.(socket);
    socket.on('chat.post', (post: ChatPost, ack: (r: unknown) => void) => {
      if (o.answer) return typeof ack === 'function' && ack(o.answer(post));
      posted.push(post);
      const messageId = `post-${posted.length}`;
      io.emit('chat.message', { id: messageId, author: post.author, text: post.text, ts: o.hello?.startedAt ?? 0 });
      const reply: ChatPostAck = { ok: true, messageId, duplicate: false };
      if (typeof ack === 'function') ack(reply);
    });
  });
  await new Promise<void>((res) => http.listen(0, '127.0.0.1', () => res()));
  const engineSockets = () =>
    [...io.sockets.sockets.values()].map(
      (s) => s.conn as unknown as { send(d: string): void; transport: { socket?: { send(d: string): void } } },
    );
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connects: () => connects,
    clients: () => io.engine.clientsCount,
    send: (event, ...args) => void io.emit(event, ...args),
    frame: (data) => engineSockets().forEach((c) => c.send(data)),
    engineFrame: (data) => engineSockets().forEach((c) => c.transport.socket?.send(data)),
    kick: () => void io.disconnectSockets(false),
    posted,
    close: () =>
      new Promise<void>((res) => {
        io.disconnectSockets(true);
        http.closeAllConnections();
        void io.close(() => res());
      }),
  };
}
