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
import { serveDesktopIpc } from './services/desktop-ipc';
import { isExternalLinkAllowed, LINK_HOSTS, type LinkPolicy } from './services/external-links';
import { createOnair, type Onair } from './services/onair';
import { preparePrivateDataDir, privateUmask } from './services/secrets/private-data-dir';
import { CONSOLE_CSP } from './services/web/static-files';
import { startWebConsole, type WebConsole } from './services/web/web-console-server';

privateUmask(); // before Chromium or SQLite create any file: everything the app writes is the user's alone
const appRoot = app.getAppPath();
process.env.ONAIR_RESOURCES ??= join(appRoot, 'resources');
/** The one page our window shows; IPC commands from any other are refused (desktop-ipc.ts). */
const pageUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
let links: LinkPolicy = { httpsHosts: LINK_HOSTS, ownOrigins: [] };

let onair: Onair | null = null;
let web: WebConsole | null = null;

function createWindow(): BrowserWindow {
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
  void win.loadURL(pageUrl);
  return win;
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
    if (isExternalLinkAllowed(url, links)) void shell.openExternal(url);
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
  onair = await createOnair({
    dataDir,
    mode: 'desktop',
    version: app.getVersion(),
    capabilities: ['desktop-window', 'safe-storage'],
    secretBox: safeStorageBox(),
  });
  const services = onair;
  links = { httpsHosts: LINK_HOSTS, ownOrigins: [new URL(services.statusPageUrl).origin] };
  serveDesktopIpc({
    ipcMain,
    dispatcher: services.dispatcher,
    hub: services.hub,
    windows: () => BrowserWindow.getAllWindows(),
    pageUrl,
  });
  if (process.argv.includes('--web')) {
    web = await startWebConsole({
      dispatcher: services.dispatcher,
      hub: services.hub,
      rendererDir: join(import.meta.dirname, '../renderer'),
    });
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
  onair?.close().catch(failed('the services'));
});

// During a live event a stray error must not take the console down with it: say it, keep running.
process.on('uncaughtException', (err) =>
  console.error(`Onair: unexpected error, still running: ${err.stack ?? err.message}`),
);
process.on('unhandledRejection', (err) => console.error(`Onair: unhandled rejection, still running: ${String(err)}`));

start().catch((err: unknown) => {
  console.error(`Onair failed to start: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
