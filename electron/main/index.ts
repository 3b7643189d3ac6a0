/**
 * The Electron shell: windows, IPC wiring and lifecycle. Everything else is in services/ (plain Node),
 * shared with the web console.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeStorageBox } from './safe-storage-box';
import { serveDesktopIpc } from './services/desktop-ipc';
import { createOnair, type Onair } from './services/onair';
import { startWebConsole, type WebConsole } from './services/web/web-console-server';

const appRoot = app.getAppPath();
process.env.ONAIR_RESOURCES ??= join(appRoot, 'resources');
/** The one page our window shows; IPC commands from any other are refused (desktop-ipc.ts). */
const pageUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

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
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url); // links open in the browser, never in-app
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadURL(pageUrl);
  return win;
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
  await app.whenReady();
  onair = await createOnair({
    dataDir: app.getPath('userData'),
    mode: 'desktop',
    version: app.getVersion(),
    capabilities: ['desktop-window', 'safe-storage'],
    secretBox: safeStorageBox(),
  });
  const services = onair;
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
