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
}

function linkOf(socket: Socket): ConsoleLink {
  return {
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

/** Connects to the serving origin; the LAN token, if any, travels in the URL fragment, never to logs. */
export function connectWebConsole(): { link: ConsoleLink; transport: Transport } {
  const token =
    new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('onair.token') ?? undefined;
  if (token) sessionStorage.setItem('onair.token', token);
  const socket = io(location.origin, { transports: ['websocket'], auth: token ? { token } : {} });
  return { link: linkOf(socket), transport: socketTransport(socket) };
}
