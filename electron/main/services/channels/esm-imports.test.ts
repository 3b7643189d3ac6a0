/**
 * The built main process keeps its dependencies external (electron-vite) and runs as ES modules, where Node
 * refuses a directory import such as 'nodemailer/lib/mail-composer' (ERR_UNSUPPORTED_DIR_IMPORT): vitest
 * and tsx resolve it, so only Node's own loader shows the mistake. Every package the channels import must
 * load there.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
const ROOT = resolve(DIR, '../../../..');

describe('channel imports under Node ESM', () => {
  it('every package specifier the channels import loads with Node’s own loader', () => {
    const specifiers = new Set<string>();
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(join(DIR, file), 'utf8');
      for (const m of source.matchAll(/^import (?!type )[^'"]*from '([^'.][^']*)';$/gm))
        if (!m[1].startsWith('node:')) specifiers.add(m[1]);
    }
    expect([...specifiers]).toContain('nodemailer');
    const script = [...specifiers].map((s) => `await import(${JSON.stringify(s)});`).join('\n');
    expect(() =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
