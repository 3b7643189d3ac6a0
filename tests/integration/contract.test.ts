/**
 * One contract suite, three transports: an in-memory pair; the real web-console socket.io server on
 * 127.0.0.1, with the renderer's own socket transport as the client; and the desktop path, where the
 * renderer's IPC transport calls the preload's bridge, which talks to the shell's IPC glue through an
 * in-process ipcMain/ipcRenderer pair.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Disposable } from '../../shared/clock';
import { CommandFailed, type Transport } from '../../shared/contract';
import { serveDesktopIpc } from '../../electron/main/services/desktop-ipc';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { startWebConsole, type WebConsole } from '../../electron/main/services/web/web-console-server';
import { onairBridge } from '../../electron/preload/bridge';
import { ipcTransport } from '../../renderer/transport/ipc-transport';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { inMemoryTransport } from '../support/in-memory-transport';
import { inProcessIpc, type InProcessIpc } from '../support/in-process-ipc';
import { tempDir } from '../support/temp-dir';

let onair: Onair;
let web: WebConsole;
let ipc: InProcessIpc;
let desktop: Disposable;
const sockets: Socket[] = [];

beforeAll(async () => {
  onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: '0.0.0-test',
    log: () => {},
    source: { kind: 'simulator', scenario: 'calm', speed: 50 },
  });
  web = await startWebConsole({ dispatcher: onair.dispatcher, hub: onair.hub, rendererDir: tempDir() });
  ipc = inProcessIpc();
  desktop = serveDesktopIpc({
    ipcMain: ipc.ipcMain,
    dispatcher: onair.dispatcher,
    hub: onair.hub,
    windows: () => [ipc.window],
  });
});
afterAll(async () => {
  desktop.dispose();
  sockets.forEach((s) => s.close());
  await web.close();
  await onair.close();
});

const connect = (extra: Record<string, string> = {}, auth: Record<string, string> = {}) => {
  const s = io(`http://127.0.0.1:${web.port}`, {
    transports: ['websocket'],
    extraHeaders: extra,
    auth,
    reconnection: false,
  });
  sockets.push(s);
  return s;
};

const transports: [string, () => Transport][] = [
  ['in-memory', () => inMemoryTransport(onair.dispatcher, onair.hub)],
  ['socket.io on 127.0.0.1', () => socketTransport(connect())],
  ['Electron IPC (preload bridge, in-process ipcMain/ipcRenderer)', () => ipcTransport(onairBridge(ipc.renderer))],
];

describe.each(transports)('contract over %s', (_name, make) => {
  let t: Transport;
  beforeAll(() => {
    t = make();
  });

  it('answers a command with its typed result', async () => {
    const info = await t.invoke('app.info', {});
    expect(info).toMatchObject({ mode: 'web', version: '0.0.0-test' });
  });

  it('rejects bad arguments with a plain { code, message }', async () => {
    const err = await t.invoke('simulator.play', { scenario: '../../etc/passwd', speed: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailed);
    expect((err as CommandFailed).error.code).toBe('bad-args');
    expect((err as CommandFailed).error.message).toMatch(/scenario/);
  });

  it('rejects unknown commands', async () => {
    const err = await t.invoke('app.selfDestruct' as never, {} as never).catch((e: unknown) => e);
    expect((err as CommandFailed).error.code).toBe('unknown-command');
  });

  it('delivers events until unsubscribed', async () => {
    const seen: number[] = [];
    const off = t.on('health.received', (h) => seen.push(h.length));
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
    off();
    const n = seen.length;
    // Wait for two more events on a second subscription: the first one must have heard neither.
    let later = 0;
    const off2 = t.on('health.received', () => later++);
    await expect.poll(() => later, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    off2();
    expect(seen.length).toBe(n);
  });

  it('returns a live snapshot', async () => {
    await expect
      .poll(async () => (await t.invoke('live.snapshot', {})).recentHealth.length, { timeout: 5000 })
      .toBeGreaterThan(0);
    const snap = await t.invoke('live.snapshot', {});
    expect(snap.connection.status).toBe('online');
    expect(snap.session?.scenario).toBe('calm');
  });
});

describe('desktop IPC guard', () => {
  it('refuses a command from an iframe in the window', async () => {
    const t = ipcTransport(onairBridge(ipc.subframeRenderer));
    const err = await t.invoke('app.info', {}).catch((e: unknown) => e);
    expect((err as CommandFailed).error.code).toBe('forbidden');
  });
});

describe('web console guard', () => {
  it('refuses a socket from a foreign origin', async () => {
    const s = connect({ origin: 'http://evil.example' });
    const err = await new Promise<Error>((res) => s.once('connect_error', res));
    expect(err.message).toMatch(/origin/);
  });

  it('refuses a socket with a rebinding Host header', async () => {
    const s = connect({ host: 'evil.example' });
    const err = await new Promise<Error>((res) => s.once('connect_error', res));
    expect(err.message).toMatch(/host/);
  });
});

describe('web console files', () => {
  it('answers a request it cannot serve with an error (and logs it), never leaves it hanging', async () => {
    const logged: string[] = [];
    const own = await startWebConsole({
      dispatcher: onair.dispatcher,
      hub: onair.hub,
      rendererDir: tempDir(),
      log: (line) => logged.push(line),
    });
    try {
      const res = await fetch(`http://127.0.0.1:${own.port}/%E0%A4%A`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(500);
      expect(logged).toEqual([expect.stringMatching(/serving \/%E0%A4%A failed: URIError/)]);
    } finally {
      await own.close();
    }
  });
});

describe('web console opened to other machines (--expose)', () => {
  it('requires the token on every socket, and accepts the right one', async () => {
    const exposed = await startWebConsole({
      dispatcher: onair.dispatcher,
      hub: onair.hub,
      rendererDir: tempDir(),
      expose: true,
      exposeHost: '127.0.0.1',
    });
    try {
      expect(exposed.token).toMatch(/^[\w-]{20,}$/);
      expect(exposed.url).toContain(`#token=${exposed.token}`);
      const open = (auth: Record<string, string>) => {
        const s = io(`http://127.0.0.1:${exposed.port}`, { transports: ['websocket'], auth, reconnection: false });
        sockets.push(s);
        return s;
      };
      const refused = await new Promise<Error>((res) => open({}).once('connect_error', res));
      expect(refused.message).toMatch(/token/);
      const wrong = await new Promise<Error>((res) => open({ token: 'guess' }).once('connect_error', res));
      expect(wrong.message).toMatch(/token/);
      const t = socketTransport(open({ token: exposed.token! }));
      expect((await t.invoke('app.info', {})).mode).toBe('web');
    } finally {
      await exposed.close();
    }
  });
});
