/**
 * The whole bridge: `invoke` and `on`, on two fixed IPC names. The renderer never picks a raw IPC
 * channel and never sees the IPC event object. Written against the members of ipcRenderer it uses, so
 * the contract tests run this very bridge over an in-process pair.
 */
import { EVENT_CHANNEL, INVOKE_CHANNEL, type PreloadBridge, type Reply } from '../../shared/contract';

/** The members of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<Reply<unknown>>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function onairBridge(ipc: IpcRendererLike): PreloadBridge {
  return {
    invoke: (name, args) => ipc.invoke(INVOKE_CHANNEL, name, args),
    on: (listener) => {
      const handler = (_e: unknown, name: unknown, payload: unknown) => listener(name as string, payload);
      ipc.on(EVENT_CHANNEL, handler);
      return () => void ipc.removeListener(EVENT_CHANNEL, handler);
    },
  };
}
