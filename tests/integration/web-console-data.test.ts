/**
 * What `npm run web` leaves on disk: a data folder for its user only (0700) with the database files 0600, and
 * the key that seals channel credentials wherever --key-file says, so a copy of the data folder alone (a
 * backup, a support bundle) opens no credential. Runs the real entry point as a child process.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { tempDir } from '../support/temp-dir';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';

const mode = (p: string) => statSync(p).mode & 0o777;
const running: { app: ConsoleProcess; close(): void }[] = [];
const stopAll = async () => {
  for (const r of running.splice(0)) {
    r.close();
    await r.app.stop();
  }
};
afterEach(stopAll);

async function start(args: string[], dataDir: string): Promise<Transport> {
  const app = await startConsoleProcess(['--scenario', 'calm', ...args], dataDir);
  const socket = io(new URL(app.url).origin, { transports: ['websocket'], reconnection: false, ...app.socketAuth });
  running.push({ app, close: () => socket.close() });
  return socketTransport(socket);
}

describe.runIf(process.platform !== 'win32')('the web console on disk', () => {
  it('keeps the data folder private and the key where --key-file says, apart from the database', async () => {
    const dataDir = join(tempDir(), 'data');
    const keyFile = join(tempDir(), 'keys', 'onair.key');
    const t = await start(['--key-file', keyFile], dataDir);
    await t.invoke('channel.configure', {
      channel: 'x',
      enabled: true,
      credentials: { bearerToken: 'x-token-0123456789' },
    });

    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['onair.sqlite', 'onair.sqlite-wal', 'onair.sqlite-shm'])
      expect(mode(join(dataDir, f)), f).toBe(0o600);
    expect(mode(keyFile)).toBe(0o600);
    expect(mode(join(keyFile, '..'))).toBe(0o700);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
    await stopAll();

    // With the key the credentials open; the data folder alone does not open them.
    const again = await start(['--key-file', keyFile], dataDir);
    expect((await again.invoke('channel.list', {})).find((c) => c.channel === 'x')).toMatchObject({ configured: true });
    await stopAll();
    const withoutKey = await start([], dataDir);
    const x = (await withoutKey.invoke('channel.list', {})).find((c) => c.channel === 'x');
    expect(x).toMatchObject({ configured: false, error: expect.stringMatching(/enter them again/) as string });
  });
});
