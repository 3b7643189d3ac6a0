/**
 * The electron-builder configuration, checked without building (the Electron binary cannot be downloaded
 * here): loaded by electron-builder's own loader, validated against its own schema, and its `files` and
 * `asarUnpack` patterns run through its own matchers, the ones packaging uses.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/web-console-process';

const quietLogger = { isEnabled: false, add() {} } as unknown as Parameters<typeof validateConfiguration>[1];
const load = () => getConfig(ROOT, null, null);

/** Whether packaging would take `rel` (a path in the project) by the config's `name` patterns. */
function matches(config: Configuration, name: 'files' | 'asarUnpack', rel: string): boolean {
  const [matcher] = getFileMatchers(config, name, '/app', {
    macroExpander: (p) => p,
    customBuildOptions: {},
    globalOutDir: join(ROOT, 'dist'),
    defaultSrc: ROOT,
  })!;
  return matcher.createFilter()(join(ROOT, rel), { isDirectory: () => false } as never);
}

describe('electron-builder configuration', () => {
  it('is the file electron-builder finds, and passes its schema', async () => {
    const config = await load();
    expect(config.appId).toBe('io.onair.console');
    expect(config.productName).toBe('Onair');
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: it refuses an unknown option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onair-builder-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(
      join(dir, 'electron-builder.yml'),
      `${readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')}\nasarUnpak: []\n`,
    );
    const bad = await getConfig(dir, null, null);
    await expect(validateConfiguration(bad, quietLogger)).rejects.toThrow(/asarUnpak/);
  });

  it('targets AppImage and deb on Linux, nsis on Windows, dmg on macOS', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/); // a deb needs one
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.directories?.output).toBe('dist');
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('dist/');
  });

  it('rebuilds better-sqlite3 for Electron and keeps its .node outside the asar', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    for (const rel of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/database.js',
    ])
      expect(matches(config, 'asarUnpack', rel), rel).toBe(true);
    expect(matches(config, 'asarUnpack', 'node_modules/zod/package.json')).toBe(false);
    expect(matches(config, 'asarUnpack', 'out/main/index.js')).toBe(false);
  });

  it('packs the built app and the scenarios, and no sources, tests or local data', async () => {
    const config = await load();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    for (const rel of [pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/scenarios/calm.json'])
      expect(matches(config, 'files', rel), rel).toBe(true);
    expect(existsSync(join(ROOT, 'resources/scenarios/calm.json'))).toBe(true);
    for (const rel of [
      'electron/main/index.ts',
      'tests/integration/contract.test.ts',
      '.onair/data/onair.sqlite',
      'out/main/index.js.map',
      'resources/screenshot.png',
      'electron-builder.yml',
    ])
      expect(matches(config, 'files', rel), rel).toBe(false);
  });
});
