/**
 * The dependency arrows of STYLE.md §1, checked on every run: a wrong import fails the suite, not review.
 * shared/ stays pure (runs anywhere), services stay plain Node (testable without Electron), only the
 * shell touches `electron`, the renderer never reaches into main.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Module specifiers of static and dynamic imports and re-exports. */
function importsOf(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
  )) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

const resolved = (file: string, spec: string) =>
  spec.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec)) : spec;

function violations(
  dir: string,
  forbidden: (target: string) => boolean,
  except: (file: string) => boolean = () => false,
): string[] {
  return files(dir)
    .filter((f) => !except(f))
    .flatMap((f) => importsOf(f).map((spec) => [f, resolved(f, spec)] as const))
    .filter(([, target]) => forbidden(target))
    .map(([f, target]) => `${f} → ${target}`);
}

describe('layering', () => {
  it('shared/ imports only shared/ and pure libraries', () => {
    const bad = (t: string) =>
      t === 'electron' ||
      t.startsWith('node:') ||
      t === 'react' ||
      t.startsWith('react-') ||
      t === 'better-sqlite3' ||
      t.startsWith('socket.io') ||
      t.startsWith('electron/') ||
      t.startsWith('renderer/');
    expect(violations('shared', bad)).toEqual([]);
  });

  it('services are plain Node: no electron, no renderer', () => {
    expect(violations('electron/main/services', (t) => t === 'electron' || t.startsWith('renderer/'))).toEqual([]);
  });

  it('only the db folder imports better-sqlite3', () => {
    expect(
      violations(
        'electron',
        (t) => t === 'better-sqlite3',
        (f) => f.startsWith('electron/main/services/db/'),
      ),
    ).toEqual([]);
  });

  it('the renderer never imports main-process code or electron, and socket.io only in transport/', () => {
    expect(violations('renderer', (t) => t === 'electron' || t.startsWith('electron/'))).toEqual([]);
    expect(
      violations(
        'renderer',
        (t) => t.startsWith('socket.io'),
        (f) => f.startsWith('renderer/transport/'),
      ),
    ).toEqual([]);
  });

  it('the preload imports electron and the contract only', () => {
    expect(violations('electron/preload', (t) => t !== 'electron' && t !== 'shared/contract')).toEqual([]);
  });
});
