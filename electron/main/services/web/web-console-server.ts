/**
 * The web console: the same services behind socket.io, plus the built renderer over HTTP.
 * Listens on 127.0.0.1 by default; `expose` opens it to other machines. Either way the command socket needs
 * the per-start token (loopback is reachable by every local process, so it proves nothing), an Origin of
 * our own, and one of our Host names (see request-guard.ts). The token travels in the link the console
 * prints, `#token=…`: a fragment never reaches a server or its logs; the page keeps it in sessionStorage.
 * The page's own files carry nothing secret and load without it.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Server, type Socket } from 'socket.io';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../../shared/contract';
import type { Dispatcher } from '../dispatch';
import type { EventHub } from '../event-hub';
import { isRequestAllowed, policyFor, type GuardPolicy } from './request-guard';
import { staticHandler } from './static-files';

/** One event's services: the console's main one, or a desk workspace's. */
interface ConsoleServices {
  dispatcher: Dispatcher;
  hub: EventHub;
}

export interface WebConsoleOptions extends ConsoleServices {
  /** The desk's other events, each served on the socket.io namespace `/events/<id>` (a page opened `?event=<id>`). */
  workspace?: (id: string) => ConsoleServices | undefined;
  rendererDir: string;
  port?: number;
  /** Listen on all interfaces so other staff can open the console; requires the token. */
  expose?: boolean;
  /** Where to listen when exposed (default all interfaces; tests keep it on loopback). */
  exposeHost?: string;
  /** The per-start token every command socket must present (default: random, 144 bits). */
  token?: string;
  /** Where a failure no caller can see is reported (a static file or a command reply that broke half-way). */
  log?: (line: string) => void;
}

export interface WebConsole {
  url: string;
  port: number;
  token: string;
  /** Disconnects the pages open on a workspace that closed. */
  closed(id: string): void;
  close(): Promise<void>;
}

/**
 * The largest message an authenticated socket may send: review.import carries a whole recording (up to
 * MAX_IMPORT_BYTES, 64 MiB, in contract-schemas.ts) as one JSON string, and escaping its quotes grows it by
 * 15-20 % on our exports, hence 64 MiB × 1.25. Before the token is checked no frame is read at all: the
 * check runs in engine.io's allowRequest, on the HTTP upgrade, so a refused peer never gets a WebSocket.
 */
const MAX_MESSAGE_BYTES = 80 * 1024 * 1024;

/** The token a socket presents: the `token` query parameter of the handshake (a browser's WebSocket cannot send headers). */
function tokenOf(url: string | undefined): string | undefined {
  return new URL(url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
}

/** The namespaces of the desk's workspaces, `/events/<id>` (ids as desk-host.ts makes them). */
const WORKSPACE_NAMESPACE = /^\/events\/[a-z0-9-]{1,64}$/;
const workspaceOf = (namespace: string) => namespace.slice('/events/'.length);

const lanAddresses = () =>
  Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address),
  );

export async function startWebConsole(o: WebConsoleOptions): Promise<WebConsole> {
  // An empty or short token would turn the check off or make it guessable.
  if (o.token !== undefined && o.token.length < 16)
    throw new Error('the web console token must be at least 16 characters');
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
  const io = new Server(http, {
    serveClient: false,
    transports: ['websocket'],
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    cors: { origin: false },
    allowRequest(req, done) {
      const verdict = isRequestAllowed(
        { host: req.headers.host, origin: req.headers.origin, token: tokenOf(req.url) },
        { ...policy, requireOrigin: true },
      );
      done(verdict.ok ? null : `forbidden: ${verdict.reason}`, verdict.ok);
    },
  });
  const serve = (socket: Socket, services: ConsoleServices) => {
    socket.on(INVOKE_CHANNEL, (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      // dispatch turns every failure into a reply; a throw here is a broken socket, which only the log hears.
      services.dispatcher
        .dispatch(name, args)
        .then((reply) => ack(reply))
        .catch((err: unknown) => log(`web console: replying to ${String(name).slice(0, 80)} failed: ${String(err)}`));
    });
    const unsubscribe = services.hub.subscribe((name, payload) => socket.emit(EVENT_CHANNEL, name, payload));
    socket.on('disconnect', unsubscribe);
  };
  io.on('connection', (socket) => serve(socket, o));
  const workspaces = io.of(WORKSPACE_NAMESPACE);
  workspaces.use((socket, next) => {
    const services = o.workspace?.(workspaceOf(socket.nsp.name));
    next(services ? undefined : new Error('no such event on this console: open the desk'));
  });
  workspaces.on('connection', (socket) => {
    const services = o.workspace?.(workspaceOf(socket.nsp.name));
    if (services) serve(socket, services);
    else socket.disconnect(true);
  });

  const bindHost = o.expose ? (o.exposeHost ?? '0.0.0.0') : '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 0, bindHost, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const token = o.token ?? randomBytes(18).toString('base64url');
  policy = policyFor(port, ['127.0.0.1', 'localhost', ...(o.expose ? lanAddresses() : [])], token);

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    closed: (id) => void io.of(`/events/${id}`).disconnectSockets(true),
    async close() {
      await new Promise<void>((resolve, reject) => void io.close(() => resolve()).catch(reject));
    },
  };
}
