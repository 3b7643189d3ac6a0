/** Desktop transport: the preload's `window.onair` bridge (two fixed IPC names, nothing else). */
import { CommandFailed, type PreloadBridge, type Transport } from '../../shared/contract';

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
