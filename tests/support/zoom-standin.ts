/**
 * A stand-in for Zoom on 127.0.0.1:0, one origin for what Zoom spreads over three hosts, with the shapes Zoom
 * documents: Server-to-Server OAuth (`POST /oauth/token?grant_type=account_credentials&account_id=…`, Basic
 * auth), "Get a webinar" (`GET /v2/webinars/:id`, Bearer), "List webinar registrants"
 * (`GET /v2/webinars/:id/registrants?status=&page_size=&next_page_token=`, Bearer) and the event subscriptions' WebSocket
 * (`/ws?subscriptionId=…&access_token=…`: `build_connection`, heartbeats answered, events as
 * `{module: "message", content: "<the event as JSON>"}`). It logs every request so tests assert what Onair
 * sent, and can be told to refuse credentials, to rate limit, to stop answering heartbeats, or to drop sockets.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface ZoomRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface ZoomStandinOptions {
  accountId: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
  /** The account's webinars, by id, with their registrants (in registration order). */
  webinars: Record<string, { topic: string; registrants?: ZoomRegistrantRecord[] }>;
  /** The clock tokens expire on (default: the system's); pass the test's fake clock to share its time line. */
  now?: () => number;
}

/** A registrant as "List webinar registrants" returns it. */
export interface ZoomRegistrantRecord {
  email: string;
  first_name: string;
  last_name?: string;
  phone?: string;
  language?: string;
  /** Default 'approved'. */
  status?: 'approved' | 'pending' | 'denied';
}

interface ZoomEvent {
  event: string;
  /** `payload.object`: the webinar's fields and the event's own. */
  object: Record<string, unknown>;
}

export interface ZoomStandin {
  baseUrl: string;
  /** Every HTTP request, the WebSocket upgrades included, in order. */
  requests: ZoomRequest[];
  /** Every frame the clients sent, parsed when JSON. */
  received: unknown[];
  /** Sockets open now. */
  readonly connections: number;
  /** Lifetime of the tokens issued from now on (Zoom's: 3600 s). */
  expiresInSec: number;
  /** The token endpoint answers invalid_client to anyone. */
  refuseCredentials: boolean;
  /** Heartbeats are answered (Zoom does). */
  answerHeartbeats: boolean;
  /** The REST API answers 401 "Invalid access token." even to a fresh token (an app whose access was revoked). */
  refuseApiTokens: boolean;
  /** Every token issued so far stops working (the app's secret was regenerated, say). */
  revokeTokens(): void;
  /** The next `times` token requests get 429 with this Retry-After. */
  rateLimitTokens(retryAfterSec: number, times?: number): void;
  /** Wraps the event in Zoom's envelope and sends it on every open socket. */
  send(event: ZoomEvent): void;
  /** Sends a frame as is (for frames Zoom would never send). */
  sendFrame(text: string): void;
  /** Ends every socket without a close frame, as a network drop does. */
  dropSockets(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
};

export async function startZoomStandin(o: ZoomStandinOptions): Promise<ZoomStandin> {
  const now = o.now ?? Date.now;
  const tokens = new Map<string, number>();
  const requests: ZoomRequest[] = [];
  const received: unknown[] = [];
  const sockets = new Set<WebSocket>();
  let rateLimit = { retryAfterSec: 0, times: 0 };

  const record = (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    return url;
  };
  const valid = (token: string | undefined) => token !== undefined && (tokens.get(token) ?? 0) > now();

  function token(req: IncomingMessage, url: URL, res: ServerResponse) {
    if (req.method !== 'POST') return json(res, 405, { reason: 'Method Not Allowed', error: 'invalid_request' });
    if (rateLimit.times > 0) {
      rateLimit.times--;
      return json(
        res,
        429,
        { code: 429, message: 'You have reached the maximum per-second rate limit. Try again later.' },
        { 'Retry-After': String(rateLimit.retryAfterSec) },
      );
    }
    if (url.searchParams.get('grant_type') !== 'account_credentials')
      return json(res, 400, { reason: 'unsupported grant type', error: 'unsupported_grant_type' });
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const credentials = basic && Buffer.from(basic, 'base64').toString('utf8');
    if (standin.refuseCredentials || credentials !== `${o.clientId}:${o.clientSecret}`)
      return json(res, 400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    if (url.searchParams.get('account_id') !== o.accountId)
      return json(res, 400, { reason: 'Invalid account_id', error: 'invalid_request' });
    const value = randomBytes(24).toString('base64url');
    tokens.set(value, now() + standin.expiresInSec * 1000);
    json(res, 200, {
      access_token: value,
      token_type: 'bearer',
      expires_in: standin.expiresInSec,
      scope: 'webinar:read:admin',
    });
  }

  /** Paging tokens handed out: where the next page starts, for which webinar and filter (opaque to clients). */
  const pages = new Map<string, { id: string; status: string; offset: number }>();

  function registrants(req: IncomingMessage, id: string, url: URL, res: ServerResponse) {
    if (req.method !== 'GET') return json(res, 405, { code: 405, message: 'Method Not Allowed' });
    if (standin.refuseApiTokens || !valid(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]))
      return json(res, 401, { code: 124, message: 'Invalid access token.' });
    const w = o.webinars[id];
    if (!w) return json(res, 404, { code: 3001, message: `Webinar does not exist: ${id}.` });
    const status = url.searchParams.get('status') ?? 'approved';
    if (!['approved', 'pending', 'denied'].includes(status))
      return json(res, 400, { code: 300, message: `Invalid field: status` });
    const size = Number(url.searchParams.get('page_size') ?? 30);
    if (!Number.isInteger(size) || size < 1 || size > 300)
      return json(res, 400, { code: 300, message: 'page_size must be between 1 and 300' });
    const tokenIn = url.searchParams.get('next_page_token');
    const from = tokenIn ? pages.get(tokenIn) : { id, status, offset: 0 };
    if (!from || from.id !== id || from.status !== status)
      return json(res, 400, { code: 300, message: 'Invalid next_page_token.' });
    const all = (w.registrants ?? []).filter((r) => (r.status ?? 'approved') === status);
    const page = all.slice(from.offset, from.offset + size);
    const next = from.offset + size < all.length ? randomBytes(12).toString('base64url') : '';
    if (next) pages.set(next, { id, status, offset: from.offset + size });
    json(res, 200, {
      page_size: size,
      total_records: all.length,
      next_page_token: next,
      registrants: page.map((r, i) => ({
        id: `reg-${from.offset + i + 1}`,
        email: r.email,
        first_name: r.first_name,
        last_name: r.last_name ?? '',
        phone: r.phone ?? '',
        ...(r.language ? { language: r.language } : {}),
        create_time: new Date(Date.UTC(2026, 10, 20, 9, 0, from.offset + i)).toISOString().replace('.000', ''),
        join_url: `https://zoom.us/w/${id}?tk=reg-${from.offset + i + 1}`,
        status,
      })),
    });
  }

  function webinar(req: IncomingMessage, id: string, res: ServerResponse) {
    if (req.method !== 'GET') return json(res, 405, { code: 405, message: 'Method Not Allowed' });
    if (!valid(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]))
      return json(res, 401, { code: 124, message: 'Invalid access token.' });
    const w = o.webinars[id];
    if (!w) return json(res, 404, { code: 3001, message: `Webinar does not exist: ${id}.` });
    json(res, 200, { id: Number(id), uuid: `${id}-uuid==`, host_id: 'host-1', topic: w.topic, type: 5, duration: 60 });
  }

  const server = createServer((req, res) => {
    const url = record(req);
    const webinarPath = /^\/v2\/webinars\/([^/]+)$/.exec(url.pathname);
    const registrantsPath = /^\/v2\/webinars\/([^/]+)\/registrants$/.exec(url.pathname);
    if (url.pathname === '/oauth/token') token(req, url, res);
    else if (webinarPath) webinar(req, decodeURIComponent(webinarPath[1]!), res);
    else if (registrantsPath) registrants(req, decodeURIComponent(registrantsPath[1]!), url, res);
    else json(res, 404, { code: 404, message: 'Not Found' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = record(req);
    if (url.pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Zoom takes the socket, then says whether it accepts the subscription and the token.
      const refusal =
        url.searchParams.get('subscriptionId') !== o.subscriptionId
          ? 'Invalid subscriptionId'
          : !valid(url.searchParams.get('access_token') ?? undefined)
            ? 'Invalid Token'
            : undefined;
      ws.send(JSON.stringify({ module: 'build_connection', success: !refusal, content: refusal ?? '' }));
      if (refusal) return ws.close(1008, refusal);
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const text = String(data);
        let frame: unknown = text;
        try {
          frame = JSON.parse(text);
        } catch {
          // kept as text: the test sees what was sent
        }
        received.push(frame);
        const isHeartbeat = (frame as { module?: unknown } | null)?.module === 'heartbeat';
        if (isHeartbeat && standin.answerHeartbeats) ws.send(JSON.stringify({ module: 'heartbeat', success: true }));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const standin: ZoomStandin = {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    received,
    get connections() {
      return sockets.size;
    },
    expiresInSec: 3600,
    refuseCredentials: false,
    answerHeartbeats: true,
    refuseApiTokens: false,
    revokeTokens() {
      tokens.clear();
    },
    rateLimitTokens(retryAfterSec, times = 1) {
      rateLimit = { retryAfterSec, times };
    },
    send(e) {
      const event = {
        event: e.event,
        event_ts: now(),
        payload: { account_id: o.accountId, object: e.object },
      };
      standin.sendFrame(JSON.stringify({ module: 'message', content: JSON.stringify(event) }));
    },
    sendFrame(text) {
      for (const ws of sockets) ws.send(text);
    },
    dropSockets() {
      for (const ws of sockets) ws.terminate();
    },
    async close() {
      standin.dropSockets();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standin;
}
