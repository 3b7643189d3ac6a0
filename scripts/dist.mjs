#!/usr/bin/env node
/**
 * `npm run dist`: build, then package the desktop app with electron-builder (electron-builder.yml) for this
 * machine's OS, or for the targets named after `--` (`npm run dist -- --linux`, `--win`, `--mac`).
 *
 * electron-builder rebuilds better-sqlite3 for Electron's ABI in node_modules itself, where the tests need
 * the build for this Node; so it is rebuilt for Node again afterwards, whatever the packaging did (start.mjs
 * keeps the two builds apart for the same reason).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const win = process.platform === 'win32';
const run = (cmd, args, shell = false) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell }).status ?? 1;

// electron-vite exports no bin path to resolve (see start.mjs); electron-builder's CLI is a plain script.
const vite = join(root, 'node_modules', '.bin', win ? 'electron-vite.cmd' : 'electron-vite');
if (run(vite, ['build'], win) !== 0) process.exit(1);
const builderCli = require.resolve('electron-builder/cli.js');
const packaged = run(process.execPath, [builderCli, '--publish', 'never', ...process.argv.slice(2)]);
const restored = run(win ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], win);
if (restored !== 0)
  console.error('Onair: better-sqlite3 could not be rebuilt for Node; run `npm rebuild better-sqlite3`.');
process.exit(packaged || restored);
