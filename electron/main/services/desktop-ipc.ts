/**
 * The main side of the desktop transport: the handler behind the preload's `invoke`, and the fan-out of
 * every domain event to each window behind its `on`. It is written against the few members of ipcMain
 * and BrowserWindow it uses, so the shell passes Electron's own and the contract tests an in-process pair;
 * only the shell imports `electron`.
 *
 * Only our own top-level page may call in: each IPC message carries the frame that sent it, and a command
 * from any other frame (an iframe inside our window) is refused before it reaches the dispatcher.
 */
import type { Disposable } from '../../../shared/clock';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type Reply } from '../../../shared/contract';
import type { Dispatcher } from './dispatch';
import type { EventHub } from './event-hub';

/** What the invoke handler reads of its event (Electron's IpcMainInvokeEvent). */
export interface InvokeEvent {
  /** The frame that sent the command; null when it navigated away or was destroyed meanwhile. */
  readonly senderFrame: unknown;
  readonly sender: { readonly mainFrame: unknown };
}

/** The members of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The members of a BrowserWindow used here. */
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: { send(channel: string, ...args: unknown[]): void };
}

/** A command from a frame that is not the window's top-level page is refused. */
export function fromSubframe(e: InvokeEvent): boolean {
  return Boolean(e.senderFrame) && e.senderFrame !== e.sender.mainFrame;
}

const forbidden = (): Reply<never> => ({
  ok: false,
  error: { code: 'forbidden', message: 'commands are accepted from the main frame only' },
});

/** Serve the contract to every window: commands in through `ipcMain`, events out to `windows()`. */
export function serveDesktopIpc(o: {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  hub: EventHub;
  windows(): readonly WindowLike[];
}): Disposable {
  o.ipcMain.handle(INVOKE_CHANNEL, (e, name, args) =>
    fromSubframe(e) ? forbidden() : o.dispatcher.dispatch(name, args),
  );
  const unsubscribe = o.hub.subscribe((name, payload) => {
    for (const w of o.windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return {
    dispose() {
      unsubscribe();
      o.ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
