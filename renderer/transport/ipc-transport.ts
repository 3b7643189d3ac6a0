/** Desktop transport: the preload's `window.onair` bridge (two fixed IPC names, nothing else). */
import { CommandFailed, type Reply, type Transport } from '../../shared/contract';

export interface PreloadBridge {
  invoke(name: string, args: unknown): Promise<Reply<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke(name, args) {
      const reply = await bridge.invoke(name, args);
      if (!reply.ok) throw new CommandFailed(reply.error);
      return reply.value as never;
    },
    on(name, cb) {
      return bridge.on((n, payload) => {
        if (n === name) cb(payload as never);
      });
    },
  };
}
