/**
 * A tiny static server for the status page: exactly three files from one directory, chosen from a fixed map,
 * so no request path ever reaches the file system (no traversal, no entries.json, no temp files).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROUTES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/feed.atom': { file: 'feed.atom', type: 'application/atom+xml; charset=utf-8' },
  '/feed.rss': { file: 'feed.rss', type: 'application/rss+xml; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface StatusPageServer {
  url: string;
  close(): Promise<void>;
}

export function serveStatusPage(
  dir: string,
  opts: { port?: number; host?: string; log?: (line: string) => void } = {},
): Promise<StatusPageServer> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const server = createServer((req, res) => {
    respond(dir, req, res).catch((err: unknown) => {
      log(`status page: serving ${String(req.url).slice(0, 200)} failed: ${String(err)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function respond(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split(/[?#]/, 1)[0];
  const route = ROUTES[path];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  if (!route) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found\n');
    return;
  }
  try {
    const body = await readFile(join(dir, route.file));
    res.writeHead(200, { 'Content-Type': route.type, 'Content-Length': body.length, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not published yet\n');
  }
}
