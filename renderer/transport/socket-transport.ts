/** Web-console transport: the same contract over socket.io to the console's own origin. */
import { io, type Socket } from 'socket.io-client';
import { CommandFailed, EVENT_CHANNEL, INVOKE_CHANNEL, type Reply, type Transport } from '../../shared/contract';

export function socketTransport(socket: Socket, timeoutMs = 15_000): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  socket.on(EVENT_CHANNEL, (name: string, payload: unknown) => {
    listeners.get(name)?.forEach((cb) => cb(payload));
  });
  return {
    async invoke(name, args) {
      let reply: Reply<unknown>;
      try {
        reply = await socket.timeout(timeoutMs).emitWithAck(INVOKE_CHANNEL, name, args);
      } catch {
        throw new CommandFailed({ code: 'unavailable', message: `${name}: the console server did not answer` });
      }
      if (!reply.ok) throw new CommandFailed(reply.error);
      return reply.value as never;
    },
    on(name, cb) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const fn = cb as (p: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
  };
}

/** Whether the browser can reach the console server; the UI shows it and starts fresh on reconnect. */
export interface ConsoleLink {
  onStatus(cb: (online: boolean) => void): () => void;
  /** False when the page was opened without the console's token: the server refuses it, so say how to fix it. */
  readonly hasToken: boolean;
}

function linkOf(socket: Socket, hasToken: boolean): ConsoleLink {
  return {
    hasToken,
    onStatus(cb) {
      const up = () => cb(true);
      const down = () => cb(false);
      socket.on('connect', up);
      socket.on('disconnect', down);
      socket.on('connect_error', down);
      return () => {
        socket.off('connect', up);
        socket.off('disconnect', down);
        socket.off('connect_error', down);
      };
    },
  };
}

const TOKEN_KEY = 'onair.token';

/**
 * The console's per-start token: from the link it printed (`#token=…`, a fragment, so it never reaches a
 * server log), then kept in this tab's sessionStorage and removed from the address bar, so it is not left in
 * the history, a bookmark or a screenshot; a reload keeps working.
 */
function takeToken(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromLink = fragment.get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  return fromLink ?? sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** The desk event this page shows (`?event=<id>`); none for the console's main event. */
export const pageEvent = (): string | undefined => new URLSearchParams(location.search).get('event') ?? undefined;

/**
 * Where another event of the desk opens: this page with `?event=<id>`, the token in the fragment as the
 * console's own link carries it (a new tab does not share this one's sessionStorage).
 */
export function eventPageUrl(id: string): string {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return `${location.pathname}?event=${encodeURIComponent(id)}${token ? `#token=${token}` : ''}`;
}

/**
 * Connects to the serving origin with the console's token (the server checks it before opening the socket),
 * on the namespace of the desk event the page shows.
 */
export function connectWebConsole(): { link: ConsoleLink; transport: Transport } {
  const token = takeToken();
  const event = pageEvent();
  const socket = io(`${location.origin}${event ? `/events/${encodeURIComponent(event)}` : ''}`, {
    transports: ['websocket'],
    query: token ? { token } : {},
  });
  return { link: linkOf(socket, Boolean(token)), transport: socketTransport(socket) };
}
