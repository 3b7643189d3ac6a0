/**
 * The whole bridge: `invoke` and `on`, on two fixed IPC names. The renderer never picks a raw IPC
 * channel and never sees the IPC event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract';

contextBridge.exposeInMainWorld('onair', {
  invoke: (name: string, args: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, args),
  on: (listener: (name: string, payload: unknown) => void) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
