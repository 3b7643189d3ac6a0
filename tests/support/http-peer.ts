/**
 * A real HTTP peer on 127.0.0.1:0 for adapter tests: records every request (method, path, headers, raw body)
 * and answers with whatever the test's reply function says, or never answers ('hang'). The reply function may
 * return a promise, which holds the answer until the test settles it (a slow peer without a real wait); a
 * reply can also drop the connection before answering ('close') or half-way through the body (`cutOff`).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. Tests walk whatever the adapter sent and expect() checks each step, so it is untyped. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: a typed JSON value would need a cast per step
  json: any;
}

export type Reply =
  | {
      status?: number;
      headers?: Record<string, string>;
      body?: string | object;
      /** Send the status, the headers and half the body, then close the connection. */
      cutOff?: boolean;
    }
  | 'hang'
  | 'close';

export interface Peer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function write(res: ServerResponse, reply: Exclude<Reply, 'hang' | 'close'>): void {
  const isText = typeof reply.body === 'string' || reply.body === undefined;
  const body = isText ? ((reply.body as string | undefined) ?? '') : JSON.stringify(reply.body);
  const headers = { ...(isText ? {} : { 'Content-Type': 'application/json' }), ...reply.headers };
  if (!reply.cutOff) {
    res.writeHead(reply.status ?? 200, headers);
    res.end(body);
    return;
  }
  res.writeHead(reply.status ?? 200, { ...headers, 'Content-Length': String(Buffer.byteLength(body) + 10) });
  res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

function answer(res: ServerResponse, r: Reply): void {
  if (r === 'hang') return;
  if (r === 'close') res.socket?.destroy();
  else write(res, r);
}

export function startPeer(
  reply: (req: RecordedRequest) => Reply | Promise<Reply> = () => ({ status: 200, body: {} }),
): Promise<Peer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('error', () => undefined); // a client killed mid-request: nothing to answer
    res.on('error', () => undefined);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const rec = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
      requests.push(rec);
      const r = reply(rec);
      if (r instanceof Promise) void r.then((held) => answer(res, held));
      else answer(res, r);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A URL on 127.0.0.1 where nothing listens (a port we bound and released), for connection-refused tests. */
export async function refusedUrl(): Promise<string> {
  const peer = await startPeer();
  await peer.close();
  return peer.url;
}
