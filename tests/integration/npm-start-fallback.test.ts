/**
 * `npm start` where the Electron binary cannot be had: one clear line, no stack trace, and the same UI
 * served as the web console. (ELECTRON_OVERRIDE_DIST_PATH points Electron at a folder without a binary,
 * so this holds on a connected machine too; the build itself is done by `npm test` before vitest.)
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/web-console-process';
import { tempDir } from '../support/temp-dir';

describe('npm start without an Electron binary', () => {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--skip-build', '--port', '0', '--data', tempDir()], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir('no-electron-') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('says so in one line and serves the web console instead', async () => {
    await expect
      .poll(() => /Onair web console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], { timeout: 30_000, interval: 100 })
      .toBeTruthy();
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Onair: the Electron binary is not available on this machine \(.+\); serving the web console instead\.$/,
    );
    expect(out).not.toMatch(/^\s+at /m); // no stack trace
    const url = /Onair web console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1];
    const page = await (await fetch(url)).text();
    expect(page).toContain('<div id="root">');
  });
});
