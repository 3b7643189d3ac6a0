/**
 * One contract suite, two transports: an in-memory pair and the real web-console socket.io server on
 * 127.0.0.1. The renderer's own socket transport is the client.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailed, type Transport } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { startWebConsole, type WebConsole } from '../../electron/main/services/web/web-console-server';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

let onair: Onair;
let web: WebConsole;
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
});
afterAll(async () => {
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
