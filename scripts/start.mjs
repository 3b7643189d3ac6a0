#!/usr/bin/env node
/**
 * `npm start`: build, then open the desktop app on its embedded simulator. Where the Electron binary
 * cannot be had (no download possible), say so in one line and serve the web console instead.
 *
 * better-sqlite3 is native: node_modules keeps the Node-ABI build that `npm test` uses, and the desktop
 * app gets its own Electron-ABI build under .onair/native/, passed in through ONAIR_SQLITE_BINDING
 * (better-sqlite3's `nativeBinding` option). So `npm start` never breaks `npm test`, and vice versa.
 *
 * Flags: --web (skip Electron, serve the web console), --skip-build; the rest goes to the app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
};
const forceWeb = flag('--web');
const skipBuild = flag('--skip-build');
/** The one line of a tool's output that says what went wrong. */
const firstLine = (s) => {
  const lines = String(s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !l.startsWith('Node.js v'));
  return lines.find((l) => /^(\w*Error|error)\b/.test(l)) ?? lines.at(-1) ?? 'unknown error';
};

function build() {
  // electron-vite exports no bin path to resolve; its npm shim in node_modules/.bin is the stable way in.
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error('Onair: the build failed (see above).');
    process.exit(1);
  }
}

/** The Electron binary's path, downloading it on first use; or the reason it cannot be had. */
function electronBinary() {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status === 0 && r.stdout && existsSync(r.stdout)) return { path: r.stdout };
  if (r.status === 0 && r.stdout) return { reason: `no Electron binary at ${r.stdout}` };
  return { reason: r.error ? r.error.message : `download failed: ${firstLine(r.stderr)}` };
}

/** An Electron-ABI build of better-sqlite3, made once per Electron version. */
function electronSqliteBinding() {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const dir = join(root, '.onair/native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(dir, 'better_sqlite3.node');
  if (existsSync(binding)) return { binding };
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), src, {
    recursive: true,
    filter: (p) => !p.includes(`${'/'}build${'/'}`),
  });
  const electronArgs = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
  const attempts = [
    [process.execPath, [require.resolve('prebuild-install/bin.js'), ...electronArgs]],
    [
      'npx',
      ['--yes', 'node-gyp', 'rebuild', '--release', ...electronArgs, '--dist-url=https://electronjs.org/headers'],
    ],
  ];
  let last = '';
  for (const [cmd, args] of attempts) {
    const r = spawnSync(cmd, args, { cwd: src, encoding: 'utf8', timeout: 600_000 });
    const built = join(src, 'build/Release/better_sqlite3.node');
    if (r.status === 0 && existsSync(built)) {
      cpSync(built, binding);
      return { binding };
    }
    last = firstLine(r.stderr || r.stdout || r.error?.message);
  }
  return { reason: `could not build better-sqlite3 for Electron ${electronVersion} (${last})` };
}

function run(cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function serveWebConsole() {
  run(process.execPath, ['--import', 'tsx', join(root, 'electron/main/web-console.ts'), ...argv]);
}

if (!skipBuild) build();
if (forceWeb) {
  serveWebConsole();
} else {
  const bin = electronBinary();
  const native = bin.path ? electronSqliteBinding() : null;
  if (!bin.path) {
    console.log(
      `Onair: the Electron binary is not available on this machine (${bin.reason}); serving the web console instead.`,
    );
    serveWebConsole();
  } else if (!native.binding) {
    console.log(`Onair: ${native.reason}; serving the web console instead.`);
    serveWebConsole();
  } else {
    run(bin.path, [root, ...argv], { ONAIR_SQLITE_BINDING: native.binding });
  }
}
