/**
 * The Electron shell: windows, IPC wiring and lifecycle. Everything else is in services/ (plain Node),
 * shared with the web console.
 *
 * What the window may do is decided here, not by the page: no permission (camera, microphone, notifications,
 * …) is ever granted, no navigation or new window happens in-app, links go to the OS browser only when
 * external-links.ts allows them, no <webview> attaches, and the page's CSP comes as a header too.
 */
import { app, BrowserWindow, ipcMain, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeStorageBox } from './safe-storage-box';
import { eventOfPage, fanOut, serveDesktopIpc } from './services/desktop-ipc';
import { isExternalLinkAllowed, LINK_HOSTS, type LinkPolicy } from './services/external-links';
import { openDeskHost, type DeskHost } from './services/desk/desk-host';
import { preparePrivateDataDir, privateUmask } from './services/secrets/private-data-dir';
import { CONSOLE_CSP } from './services/web/static-files';
import { startWebConsole, type WebConsole } from './services/web/web-console-server';
import { messageOf } from '../../shared/error-message';

privateUmask(); // before Chromium or SQLite create any file: everything the app writes is the user's alone
const appRoot = app.getAppPath();
process.env.ONAIR_RESOURCES ??= join(appRoot, 'resources');
/** The one page our window shows; IPC commands from any other are refused (desktop-ipc.ts). */
const pageUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
let links: LinkPolicy = { httpsHosts: LINK_HOSTS, ownOrigins: [] };

let desk: DeskHost | null = null;
let web: WebConsole | null = null;

/** The window of the console's main event, or (`event`) of one more event of its desk. */
function createWindow(event?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#0f141c',
    title: 'Onair',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click would open a link in a new window; the window-open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(event ? `${pageUrl}?event=${encodeURIComponent(event)}` : pageUrl);
  return win;
}

/** The desk opens an event in a window of its own, fed by that event's workspace (`?event=<id>`). */
function openEventWindow(id: string): void {
  const services = desk?.workspace(id);
  if (!services) return;
  const win = createWindow(id);
  const feed = fanOut(services.hub, () => [win]);
  win.on('closed', () => feed.dispose());
}

/** Where a link points, without its path or query (where tokens live), for the log. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
};

/** Every web contents (the window, and any a bug might create): no in-app navigation, windows or webviews. */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    const event = url.startsWith(pageUrl.split(/[?#]/)[0]) ? eventOfPage(url) : undefined;
    if (event) openEventWindow(event);
    else if (isExternalLinkAllowed(url, links)) void shell.openExternal(url);
    else console.error(`Onair: not opening a link to ${originOf(url)} (only https links to known sites open)`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

/** The default session: deny every permission request and check, and send the page's CSP as a header. */
function lockDownSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  s.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONSOLE_CSP] } }),
  );
}

/** The value after `name` on the command line (`--name value` or `--name=value`). */
function argumentOf(name: string): string | undefined {
  const args = process.argv;
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i] === name ? args[i + 1] : args[i].slice(name.length + 1);
}

async function start() {
  // One Onair per machine: a second one would fight the first over the database and the simulator's port.
  if (!app.requestSingleInstanceLock()) {
    console.log('Onair is already running: switching to its window.');
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  await app.whenReady();
  lockDownSession();
  const dataDir = app.getPath('userData');
  const loose = preparePrivateDataDir(dataDir, { owned: true });
  if (loose) console.error(`Onair: ${loose}`);
  desk = await openDeskHost({
    dataDir,
    mode: 'desktop',
    version: app.getVersion(),
    capabilities: ['desktop-window', 'safe-storage'],
    secretBox: safeStorageBox(),
    // `--database postgres://…` joins a team (sealed for the next start), `--database sqlite` leaves it.
    database: argumentOf('--database'),
  });
  const services = desk.main;
  const workspaces = desk;
  links = { httpsHosts: LINK_HOSTS, ownOrigins: [new URL(services.statusPageUrl).origin] };
  serveDesktopIpc({
    ipcMain,
    dispatcher: services.dispatcher,
    hub: services.hub,
    // The main event's windows: those opened on another event get that event's feed (openEventWindow).
    windows: () => BrowserWindow.getAllWindows().filter((w) => !eventOfPage(w.webContents.getURL())),
    pageUrl,
    workspace: (id) => workspaces.workspace(id),
  });
  desk.onClosed((id) => {
    for (const w of BrowserWindow.getAllWindows()) if (eventOfPage(w.webContents.getURL()) === id) w.close();
  });
  if (process.argv.includes('--web')) {
    web = await startWebConsole({
      dispatcher: services.dispatcher,
      hub: services.hub,
      workspace: (id) => workspaces.workspace(id),
      rendererDir: join(import.meta.dirname, '../renderer'),
    });
    const served = web;
    desk.onClosed((id) => served.closed(id));
    console.log(`Onair web console: ${web.url}`);
  }
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => {
  const failed = (what: string) => (err: unknown) => console.error(`Onair: closing ${what} failed: ${String(err)}`);
  web?.close().catch(failed('the web console'));
  desk?.closeAll().catch(failed('the services'));
});

// During a live event a stray error must not take the console down with it: say it, keep running.
process.on('uncaughtException', (err) =>
  console.error(`Onair: unexpected error, still running: ${err.stack ?? err.message}`),
);
process.on('unhandledRejection', (err) => console.error(`Onair: unhandled rejection, still running: ${String(err)}`));

start().catch((err: unknown) => {
  console.error(`Onair failed to start: ${messageOf(err)}`);
  app.exit(1);
});
