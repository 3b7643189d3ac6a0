/** A tiny real HTTP server on 127.0.0.1 that records requests: stands in for a webhook platform. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startHttpPeer(reply: (r: RecordedRequest) => { status: number; body: string } = () => ({ status: 200, body: 'ok' })) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(r);
      const out = reply(r);
      res.writeHead(out.status, { 'content-type': 'text/plain' }).end(out.body);
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}
