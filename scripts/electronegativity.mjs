#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the built app in out/ (main, preload, renderer):
 * run after `electron-vite build`. Fails on a finding that .ci/electronegativity-accepted.json does not explain,
 * and on an explained one that no longer occurs, so the list stays true. Findings are matched by check and file,
 * not line, so an unrelated edit does not invalidate the list.
 *
 * Called through its API: the 1.10 CLI crashes on the `commander` hoisted into node_modules here (it never
 * declared that dependency). Offline it cannot fetch translations or Electron's release list; it says so, and
 * the version checks report nothing (the Electron version is kept current through package.json instead).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const run = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const { accepted } = JSON.parse(readFileSync(join(root, '.ci/electronegativity-accepted.json'), 'utf8'));

const result = await run({ input: join(root, 'out'), isRelative: true, electronVersionOverride: electronVersion });
const key = (check, file) => `${check} ${file.split('\\').join('/')}`;
const explained = new Set(accepted.map((a) => key(a.check, a.file)));
const found = result.issues.map((i) => ({ key: key(i.id, i.file), where: `${i.file}:${i.location.line}`, i }));
const unexplained = found.filter((f) => !explained.has(f.key));
const stale = [...explained].filter((k) => !found.some((f) => f.key === k));

console.log(
  `electronegativity ${result.globalChecks + result.atomicChecks} checks on out/ (Electron ${electronVersion}): ` +
    `${found.length} findings, ${found.length - unexplained.length} explained in .ci/electronegativity-accepted.json`,
);
for (const e of result.errors) console.error(`  could not scan ${e.file}: ${e.message}`);
for (const f of unexplained) console.error(`  NEW ${f.i.id} at ${f.where}: ${f.i.description}`);
for (const k of stale) console.error(`  STALE accepted entry, no longer found: ${k}`);
if (unexplained.length || stale.length || result.errors.some((e) => !e.tolerable)) process.exit(1);
