/**
 * The main side of the desktop transport: the handler behind the preload's `invoke`, and the fan-out of
 * every domain event to each window behind its `on`. It is written against the few members of ipcMain
 * and BrowserWindow it uses, so the shell passes Electron's own and the contract tests an in-process pair;
 * only the shell imports `electron`.
 *
 * Only our own top-level page may call in: each IPC message carries the frame that sent it, and a command
 * is refused before it reaches the dispatcher when that frame is gone, is not the window's top-level frame
 * (an iframe inside our window), or shows anything but the page the shell loaded (the window navigated
 * elsewhere despite the shell's will-navigate guard: that page must not inherit the preload's bridge).
 */
import type { Disposable } from '../../../shared/clock';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type Reply } from '../../../shared/contract';
import type { Dispatcher } from './dispatch';
import type { EventHub } from './event-hub';

/** What the invoke handler reads of its event (Electron's IpcMainInvokeEvent). */
export interface InvokeEvent {
  /** The frame that sent the command; null when it navigated away or was destroyed meanwhile. */
  readonly senderFrame: { readonly url: string } | null;
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

/**
 * Whether `url` shows the page the shell loaded (`pageUrl`): the same file for a file: URL (its fragment and
 * query may differ), the same origin for the dev server's http URL.
 */
function isOwnPage(url: string, pageUrl: string): boolean {
  let u: URL;
  let page: URL;
  try {
    u = new URL(url);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  if (page.protocol === 'file:') return u.protocol === 'file:' && u.host === page.host && u.pathname === page.pathname;
  return u.origin === page.origin;
}

/** Why a command is refused, or undefined when it comes from the top-level frame of our own page. */
export function refusalOf(e: InvokeEvent, pageUrl: string): string | undefined {
  if (!e.senderFrame) return 'the frame that sent the command is gone';
  if (e.senderFrame !== e.sender.mainFrame) return 'commands are accepted from the main frame only';
  if (!isOwnPage(e.senderFrame.url, pageUrl)) return "commands are accepted from Onair's own page only";
  return undefined;
}

const forbidden = (message: string): Reply<never> => ({ ok: false, error: { code: 'forbidden', message } });

/** The desk workspace a page shows: its `?event=<id>`, none for the console's main event. */
export function eventOfPage(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('event') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sends every event of `hub` to `windows()` until disposed. */
export function fanOut(hub: EventHub, windows: () => readonly WindowLike[]): Disposable {
  const unsubscribe = hub.subscribe((name, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return { dispose: unsubscribe };
}

/**
 * Serve the contract to every window: commands in through `ipcMain`, events out to `windows()` (the main
 * event's windows). A window opened on a desk workspace (`?event=<id>`) is answered by that workspace's
 * dispatcher; the shell fans that workspace's events out to it.
 */
export function serveDesktopIpc(o: {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  hub: EventHub;
  windows(): readonly WindowLike[];
  /** The page the shell loads into its window (a file: URL, or the dev server's URL). */
  pageUrl: string;
  workspace?: (id: string) => { dispatcher: Dispatcher } | undefined;
}): Disposable {
  o.ipcMain.handle(INVOKE_CHANNEL, (e, name, args) => {
    const refused = refusalOf(e, o.pageUrl);
    if (refused) return forbidden(refused);
    const id = eventOfPage(e.senderFrame!.url);
    const services = id === undefined ? o : o.workspace?.(id);
    return services
      ? services.dispatcher.dispatch(name, args)
      : ({ ok: false, error: { code: 'not-found', message: `No event ${id} on this console any more.` } } as const);
  });
  const { dispose: unsubscribe } = fanOut(o.hub, o.windows);
  return {
    dispose() {
      unsubscribe();
      o.ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
