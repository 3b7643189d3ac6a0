/**
 * A webinar source under the test's control, on 127.0.0.1: it speaks the source protocol
 * (shared/source-protocol.ts) the way a misbehaving or malicious platform bridge could, sending whatever the
 * test hands it, typed or not. The console under test connects to it with `--source URL`, so every payload
 * crosses the real socket, the real validation and the real SQLite file.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ChatPost, ChatPostAck } from '../../shared/source-protocol';
import type { ChatMessage, HealthSample, SourceHello } from '../../shared/types';
import { healthAt } from '../integration/support-test-source';

export interface HostileSource {
  url: string;
  hello: SourceHello;
  /** The session id the console gives this source's run (ingest's `source/scenario/startedAt`). */
  sessionId: string;
  /** Consoles connected right now. */
  clients(): number;
  /** Any event, any payload: the point is that the console must survive what a source sends. */
  send(event: string, payload: unknown): void;
  /** Every chat.post the console made (the webinar chat channel), acknowledged and echoed into the chat. */
  posted: ChatPost[];
  close(): Promise<void>;
}

/** A healthy sample at `ts`, so the charts have something real around the hostile rows. */
export const sampleAt = (ts: number, viewers = 120): HealthSample => healthAt(ts, { viewers });

export const chatAt = (id: string, ts: number, text: string, author = 'viewer'): ChatMessage => ({
  id,
  author,
  text,
  ts,
});

export async function startHostileSource(over: Partial<SourceHello> = {}): Promise<HostileSource> {
  const hello: SourceHello = {
    source: 'hostile',
    eventName: 'Hostile rows webinar',
    scenario: 'hostile',
    startedAt: Date.now(),
    speed: 1,
    ...over,
  };
  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 16 * 2 ** 20 });
  const posted: ChatPost[] = [];
  io.on('connection', (socket) => {
    socket.emit('source.hello', hello);
    socket.on('chat.post', (post: ChatPost, ack: (r: ChatPostAck) => void) => {
      posted.push(post);
      const messageId = `post-${posted.length}`;
      io.emit('chat.message', { id: messageId, author: post.author, text: post.text, ts: Date.now() });
      if (typeof ack === 'function') ack({ ok: true, messageId, duplicate: false });
    });
  });
  await new Promise<void>((res) => http.listen(0, '127.0.0.1', () => res()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    hello,
    sessionId: `${hello.source}/${hello.scenario ?? 'live'}/${hello.startedAt}`,
    clients: () => io.engine.clientsCount,
    send: (event, payload) => void io.emit(event, payload),
    posted,
    close: () =>
      new Promise<void>((res) => {
        io.disconnectSockets(true);
        http.closeAllConnections();
        void io.close(() => res());
      }),
  };
}
