/**
 * Electron's IPC without Electron: an ipcMain-shaped end and a page's ipcRenderer-shaped end, joined in
 * process, with the behaviour the desktop transport relies on: arguments, results and event payloads are
 * structured-cloned (as Electron's IPC does), every hop is asynchronous and in order, an invoke carries
 * the frame that sent it, and a second handler for one name throws.
 */
import type { InvokeEvent, IpcMainLike, WindowLike } from '../../electron/main/services/desktop-ipc';
import type { IpcRendererLike } from '../../electron/preload/bridge';
import type { Reply } from '../../shared/contract';

type RendererListener = (event: unknown, ...args: unknown[]) => void;
type MainHandler = (event: InvokeEvent, ...args: unknown[]) => unknown;

/** The URL of the page in the in-process window, as the shell would pass it to serveDesktopIpc. */
export const IN_PROCESS_PAGE_URL = 'file:///onair/out/renderer/index.html';

export interface InProcessIpc {
  ipcMain: IpcMainLike;
  /** The window showing the page: what the shell's `BrowserWindow.getAllWindows()` would list. */
  window: WindowLike;
  /** The ipcRenderer of the window's top-level page (what the preload is given). */
  renderer: IpcRendererLike;
  /** An ipcRenderer in an iframe of the same window: its commands must be refused. */
  subframeRenderer: IpcRendererLike;
  /** The window is closed: it is destroyed, and sending to it throws as Electron's does. */
  close(): void;
}

export function inProcessIpc(): InProcessIpc {
  const handlers = new Map<string, MainHandler>();
  const pageListeners = new Map<string, Set<RendererListener>>();
  const mainFrame = { frame: 'main', url: IN_PROCESS_PAGE_URL };
  const iframe = { frame: 'iframe', url: IN_PROCESS_PAGE_URL };
  let destroyed = false;
  const hop = () => new Promise<void>((resolve) => setImmediate(resolve));

  const webContents = {
    mainFrame,
    send(channel: string, ...args: unknown[]) {
      if (destroyed) throw new Error('Object has been destroyed');
      const copy = structuredClone(args);
      // Listeners are looked up on arrival: one removed before the message lands does not hear it.
      setImmediate(() => {
        for (const l of [...(pageListeners.get(channel) ?? [])]) l({ sender: 'ipcRenderer' }, ...copy);
      });
    },
  };

  const rendererIn = (frame: { url: string }, listeners: Map<string, Set<RendererListener>>): IpcRendererLike => ({
    async invoke(channel, ...args) {
      const copy = structuredClone(args);
      await hop();
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      let result: unknown;
      try {
        result = await handler({ sender: webContents, senderFrame: frame }, ...copy);
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`, { cause: err });
      }
      await hop();
      return structuredClone(result) as Reply<unknown>;
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  });

  return {
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
    },
    window: { isDestroyed: () => destroyed, webContents },
    renderer: rendererIn(mainFrame, pageListeners),
    subframeRenderer: rendererIn(iframe, new Map()),
    close() {
      destroyed = true;
    },
  };
}
