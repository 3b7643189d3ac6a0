/**
 * The web console: the same services behind socket.io, plus the built renderer over HTTP.
 * Listens on 127.0.0.1 by default. Opening it to other machines (`expose`) requires a token and checks
 * Host and Origin on every request and socket (see request-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Server } from 'socket.io';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../../shared/contract';
import type { Dispatcher } from '../dispatch';
import type { EventHub } from '../event-hub';
import { isRequestAllowed, policyFor, type GuardPolicy } from './request-guard';
import { staticHandler } from './static-files';

export interface WebConsoleOptions {
  dispatcher: Dispatcher;
  hub: EventHub;
  rendererDir: string;
  port?: number;
  /** Listen on all interfaces so other staff can open the console; requires the token. */
  expose?: boolean;
  /** Where to listen when exposed (default all interfaces; tests keep it on loopback). */
  exposeHost?: string;
  token?: string;
  /** Where a failure no caller can see is reported (a static file or a command reply that broke half-way). */
  log?: (line: string) => void;
}

export interface WebConsole {
  url: string;
  port: number;
  token?: string;
  close(): Promise<void>;
}

const lanAddresses = () =>
  Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address),
  );

export async function startWebConsole(o: WebConsoleOptions): Promise<WebConsole> {
  const log = o.log ?? ((line: string) => console.error(line));
  const serveStatic = staticHandler(o.rendererDir);
  let policy: GuardPolicy = policyFor(0, []);
  const http = createServer((req, res) => {
    const verdict = isRequestAllowed(
      { host: req.headers.host, origin: req.headers.origin },
      { ...policy, token: undefined },
    );
    if (!verdict.ok) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`forbidden: ${verdict.reason}`);
      return;
    }
    serveStatic(req, res).catch((err: unknown) => {
      log(`web console: serving ${String(req.url).slice(0, 200)} failed: ${String(err)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
  });
  // An imported recording arrives as one message, hence the large buffer (the guard runs before any of it).
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 70 * 1024 * 1024, cors: { origin: false } });
  io.use((socket, next) => {
    const h = socket.handshake;
    const token = typeof h.auth?.token === 'string' ? h.auth.token : undefined;
    const verdict = isRequestAllowed({ host: h.headers.host, origin: h.headers.origin, token }, policy);
    next(verdict.ok ? undefined : new Error(`forbidden: ${verdict.reason}`));
  });
  io.on('connection', (socket) => {
    socket.on(INVOKE_CHANNEL, (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      // dispatch turns every failure into a reply; a throw here is a broken socket, which only the log hears.
      o.dispatcher
        .dispatch(name, args)
        .then((reply) => ack(reply))
        .catch((err: unknown) => log(`web console: replying to ${String(name).slice(0, 80)} failed: ${String(err)}`));
    });
  });
  const unsubscribe = o.hub.subscribe((name, payload) => io.emit(EVENT_CHANNEL, name, payload));

  const bindHost = o.expose ? (o.exposeHost ?? '0.0.0.0') : '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 0, bindHost, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const token = o.expose ? (o.token ?? randomBytes(18).toString('base64url')) : undefined;
  policy = policyFor(port, ['127.0.0.1', 'localhost', ...(o.expose ? lanAddresses() : [])], token);

  return {
    url: `http://127.0.0.1:${port}/${token ? `#token=${token}` : ''}`,
    port,
    token,
    async close() {
      unsubscribe();
      await new Promise<void>((resolve, reject) => void io.close(() => resolve()).catch(reject));
    },
  };
}
