/**
 * Starts `npm run web`'s entry as a real child process on a free port and a fresh data folder: through tsx, as
 * `npm run web` does, or from the bundle of that entry the e2e project's global setup builds once per run
 * (CONSOLE_BUNDLE_ENV; a quarter of tsx's start-up, and the browser tests start the console some twenty times).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CONSOLE_ENTRY = 'electron/main/web-console.ts';
export const CONSOLE_BUNDLE_ENV = 'ONAIR_E2E_CONSOLE_BUNDLE';

export interface ConsoleProcess {
  /** The link the console printed, with its access token in the fragment (what an operator opens). */
  url: string;
  /** This start's access token, read from that link. */
  token: string;
  /** What a socket.io client outside a browser passes to be let in as the page is: the token and our Origin. */
  socketAuth: { query: { token: string }; extraHeaders: { origin: string } };
  dataDir: string;
  output: () => string;
  pid: () => number | undefined;
  stop(): Promise<void>;
}

export async function startConsoleProcess(
  args: string[] = [],
  dataDir = mkdtempSync(join(tmpdir(), 'onair-e2e-')),
): Promise<ConsoleProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...consoleCommand(), '--port', '0', '--data', dataDir, ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`web console did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /Onair web console: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => rej(new Error(`web console exited with ${code}:\n${out}`)));
  });
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (!token) {
    child.kill('SIGKILL');
    throw new Error(`the web console printed a link without a token: ${url}`);
  }
  return {
    url,
    token,
    socketAuth: { query: { token }, extraHeaders: { origin: new URL(url).origin } },
    dataDir,
    output: () => out,
    pid: () => child.pid,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function consoleCommand(): string[] {
  const bundle = process.env[CONSOLE_BUNDLE_ENV];
  return bundle ? [bundle] : ['--import', 'tsx', CONSOLE_ENTRY];
}
