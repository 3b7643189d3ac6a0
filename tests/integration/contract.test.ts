/**
 * One contract suite, three transports: an in-memory pair; the real web-console socket.io server on
 * 127.0.0.1, with the renderer's own socket transport as the client; and the desktop path, where the
 * renderer's IPC transport calls the preload's bridge, which talks to the shell's IPC glue through an
 * in-process ipcMain/ipcRenderer pair.
 */
import { connect as tcpConnect } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Disposable } from '../../shared/clock';
import { CommandFailed, INVOKE_CHANNEL, type Transport } from '../../shared/contract';
import type { SignalSourceSettings } from '../../shared/sources';
import { serveDesktopIpc } from '../../electron/main/services/desktop-ipc';
import type { Dispatcher } from '../../electron/main/services/dispatch';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { startWebConsole, type WebConsole } from '../../electron/main/services/web/web-console-server';
import { onairBridge } from '../../electron/preload/bridge';
import { ipcTransport } from '../../renderer/transport/ipc-transport';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { inMemoryTransport } from '../support/in-memory-transport';
import { IN_PROCESS_PAGE_URL, inProcessIpc, type InProcessIpc } from '../support/in-process-ipc';
import { freePort } from '../support/free-port';
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
    pageUrl: IN_PROCESS_PAGE_URL,
  });
});
afterAll(async () => {
  desktop.dispose();
  sockets.forEach((s) => s.close());
  await web.close();
  await onair.close();
});

/** A socket.io client as the console's own page opens one: our Origin, this start's token (each overridable). */
const socketTo = (
  console: WebConsole,
  o: { headers?: Record<string, string>; query?: Record<string, string> } = {},
): Socket => {
  const origin = `http://127.0.0.1:${console.port}`;
  // A header given as '' is left out (a client that sends no Origin at all).
  const headers = Object.entries({ origin, ...o.headers }).filter(([, v]) => v !== '');
  const s = io(origin, {
    transports: ['websocket'],
    extraHeaders: Object.fromEntries(headers),
    query: o.query ?? { token: console.token },
    reconnection: false,
  });
  sockets.push(s);
  return s;
};
const connect = (extra: Record<string, string> = {}) => socketTo(web, { headers: extra });

/** Resolves when the socket is refused; fails the test if it connects instead. */
const refusal = (s: Socket) =>
  new Promise<Error>((resolve, reject) => {
    s.once('connect_error', resolve);
    s.once('connect', () => reject(new Error('the socket was let in')));
  });

/**
 * A WebSocket upgrade sent by hand, with `trailing` bytes after it (a frame the peer would like read):
 * the server's answer (status line and body) once it closes the connection, or 101 once it lets it in.
 */
function rawUpgrade(
  port: number,
  o: { token?: string; headers?: Record<string, string>; trailing?: Buffer } = {},
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...o.headers,
  };
  const path = `/socket.io/?EIO=4&transport=websocket${o.token ? `&token=${encodeURIComponent(o.token)}` : ''}`;
  const head = `GET ${path} HTTP/1.1\r\n${Object.entries(headers)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const sock = tcpConnect(port, '127.0.0.1');
    let answer = '';
    const parse = () => {
      const [statusLine = '', ...rest] = answer.split('\r\n');
      return { status: Number(statusLine.split(' ')[1]), body: rest.slice(rest.indexOf('') + 1).join('\r\n') };
    };
    sock.on('error', () => {}); // a reset while we still write the trailing bytes is the refusal itself
    sock.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.startsWith('HTTP/1.1 101')) {
        sock.destroy();
        resolve(parse());
      }
    });
    sock.on('close', () => (answer ? resolve(parse()) : reject(new Error('closed without an answer'))));
    sock.write(head);
    if (o.trailing) sock.write(o.trailing);
  });
}

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

  it('adds, lists, tests and removes a signal source, and tells every console', async () => {
    const changes: string[][] = [];
    const off = t.on('sources.changed', (all) => changes.push(all.map((x) => x.id)));
    try {
      const port = await freePort(); // nothing listens there
      const settings: SignalSourceSettings = {
        kind: 'obs',
        host: '127.0.0.1',
        port,
        password: 'pw-never-shown',
        inputs: ['Mic/Aux'],
      };
      // This suite's simulator plays at 50×: a real-time source refuses it, and joins at 1×.
      const fast = await t.invoke('source.add', { settings }).catch((e: unknown) => e);
      expect((fast as CommandFailed).error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/1×/) });
      await t.invoke('simulator.play', { scenario: 'calm', speed: 1 });
      const added = await t.invoke('source.add', { settings });
      expect(added).toMatchObject({ id: 'obs', kind: 'obs', settings: { passwordSet: true, inputs: ['Mic/Aux'] } });
      expect(JSON.stringify(added)).not.toContain('pw-never-shown');
      const listed = await t.invoke('source.list', {});
      expect(listed.map((x) => x.id)).toEqual(['simulator', 'obs']);
      await expect.poll(() => changes.some((ids) => ids.includes('obs')), { timeout: 5000 }).toBe(true);
      expect(await t.invoke('source.test', { id: 'obs' })).toEqual({
        ok: false,
        detail: expect.stringContaining(`nothing listens at ws://127.0.0.1:${port}`),
      });
      const bad = await t
        .invoke('source.add', { settings: { ...settings, host: 'evil.example/path?x=' } })
        .catch((e: unknown) => e);
      expect((bad as CommandFailed).error.code).toBe('bad-args');
      expect((await t.invoke('source.remove', { id: 'obs' })).map((x) => x.id)).toEqual(['simulator']);
      const gone = await t.invoke('source.remove', { id: 'obs' }).catch((e: unknown) => e);
      expect((gone as CommandFailed).error.code).toBe('not-found');
    } finally {
      off();
      await t.invoke('simulator.play', { scenario: 'calm', speed: 50 });
      await expect
        .poll(async () => (await t.invoke('live.snapshot', {})).connection.status, { timeout: 5000 })
        .toBe('online');
    }
  });

  it('says the console rehearses on its simulator, and refuses a drill fault it does not know', async () => {
    expect(await t.invoke('rehearsal.state', {})).toMatchObject({ rehearsal: true, playing: 'simulator' });
    expect((await t.invoke('live.snapshot', {})).session?.rehearsal).toBe(true);
    const err = await t.invoke('drill.start', { fault: 'meteor' as never }).catch((e: unknown) => e);
    expect((err as CommandFailed).error).toMatchObject({ code: 'bad-args', message: expect.stringMatching(/fault/) });
    expect(await t.invoke('drill.list', {})).toEqual([]);
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
  it('refuses a socket from a foreign origin, on the upgrade, saying why', async () => {
    await refusal(connect({ origin: 'http://evil.example' }));
    const answer = await rawUpgrade(web.port, { token: web.token, headers: { origin: 'http://evil.example' } });
    expect(answer).toEqual({ status: 400, body: 'forbidden: origin http://evil.example not allowed' });
  });

  it('refuses a socket with a rebinding Host header', async () => {
    await refusal(connect({ host: 'evil.example' }));
    const answer = await rawUpgrade(web.port, { token: web.token, headers: { host: 'evil.example' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/host evil\.example not allowed/);
  });

  it('on loopback too: no token, a wrong token or no Origin is refused before any command runs', async () => {
    const dispatched: unknown[] = [];
    const counting: Dispatcher = {
      dispatch: (name, args) => {
        dispatched.push(name);
        return onair.dispatcher.dispatch(name, args);
      },
    };
    const guarded = await startWebConsole({ dispatcher: counting, hub: onair.hub, rendererDir: tempDir() });
    try {
      const attempts: [string, Parameters<typeof socketTo>[1], RegExp][] = [
        ['no token', { query: {} }, /^forbidden: missing or wrong token$/],
        ['wrong token', { query: { token: `${guarded.token.slice(0, -1)}x` } }, /^forbidden: missing or wrong token$/],
        ['no Origin (a local process, not our page)', { headers: { origin: '' } }, /^forbidden: origin missing$/],
      ];
      for (const [what, o, reason] of attempts) {
        const s = socketTo(guarded, o);
        // Queued for sending once connected, which must never happen.
        s.emit(INVOKE_CHANNEL, 'incident.list', {}, () => dispatched.push(`reply to ${what}`));
        await refusal(s);
        const answer = await rawUpgrade(guarded.port, {
          token: o?.query ? o.query.token : guarded.token,
          headers: o?.headers,
        });
        expect(answer, what).toEqual({ status: 400, body: expect.stringMatching(reason) as string });
      }
      expect(dispatched).toEqual([]);
      // The page's own socket, with the token from its link, gets in and is served.
      const t = socketTransport(socketTo(guarded));
      expect((await t.invoke('app.info', {})).mode).toBe('web');
      expect(dispatched).toEqual(['app.info']);
    } finally {
      await guarded.close();
    }
  });

  it('reads nothing a refused peer sends: it answers the upgrade and hangs up before any frame', async () => {
    const trailing = Buffer.alloc(16 * 1024 * 1024, 0x61); // would be a 16 MB frame, were the socket opened
    const answer = await rawUpgrade(web.port, { trailing });
    expect(answer).toEqual({ status: 400, body: 'forbidden: missing or wrong token' });
  });

  it('a token the operator picks must be long enough to be one', async () => {
    await expect(
      startWebConsole({ dispatcher: onair.dispatcher, hub: onair.hub, rendererDir: tempDir(), token: 'short' }),
    ).rejects.toThrow(/at least 16 characters/);
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
      await refusal(socketTo(exposed, { query: {} }));
      expect((await rawUpgrade(exposed.port)).body).toMatch(/token/);
      await refusal(socketTo(exposed, { query: { token: 'guess' } }));
      expect((await rawUpgrade(exposed.port, { token: 'guess' })).body).toMatch(/token/);
      const t = socketTransport(socketTo(exposed));
      expect((await t.invoke('app.info', {})).mode).toBe('web');
    } finally {
      await exposed.close();
    }
  });
});
