/**
 * The one-click unsubscribe endpoint (RFC 8058), on 127.0.0.1 (put it behind the organiser's reverse proxy or
 * tunnel at the "unsubscribe base URL"):
 * - `POST /u/<token>` with the body `List-Unsubscribe=One-Click` (form-urlencoded or multipart, as mail
 *   clients send it) records the opt-out and answers 200. No cookie, no confirmation: RFC 8058 §3.2.
 * - `GET /u/<token>` only shows a page with a button that makes that POST: link scanners and mail
 *   providers' prefetchers open links, and a GET must never unsubscribe anybody.
 * Unknown tokens get 404 without saying more; bodies are capped at 4 KB.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_BODY = 4096;
const ONE_CLICK = /(^|&)List-Unsubscribe=One-Click(&|$)|name="List-Unsubscribe"\r?\n\r?\nOne-Click/;

export interface UnsubscribeServerDeps {
  /** The person a token names, or undefined. */
  personOf(token: string): number | undefined;
  /** Records the e-mail opt-out of that person. */
  optOut(personId: number): void;
  port?: number;
  host?: string;
}

export interface UnsubscribeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PAGE = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unsubscribe</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

function reply(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(PAGE(html));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

export async function startUnsubscribeServer(d: UnsubscribeServerDeps): Promise<UnsubscribeServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const token = /^\/u\/([^/?#]+)$/.exec((req.url ?? '').split('?')[0])?.[1];
    const person = token ? d.personOf(decodeURIComponent(token)) : undefined;
    if (person === undefined) return reply(res, 404, '<p>This unsubscribe link is not known.</p>');
    if (req.method === 'GET')
      return reply(
        res,
        200,
        `<h1>Unsubscribe</h1><p>Stop receiving e-mail updates about this event?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`,
      );
    if (req.method !== 'POST') return reply(res, 405, '<p>Method not allowed.</p>');
    const body = await readBody(req);
    if (body === undefined) return reply(res, 413, '<p>Request too large.</p>');
    if (!ONE_CLICK.test(body)) return reply(res, 400, '<p>Expected List-Unsubscribe=One-Click.</p>');
    d.optOut(person);
    return reply(res, 200, '<h1>Unsubscribed</h1><p>You will get no more e-mail updates about this event.</p>');
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const host = d.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(d.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
