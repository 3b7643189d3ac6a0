import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { preparePrivateDataDir } from './private-data-dir';

const mode = (p: string) => statSync(p).mode & 0o777;

describe.runIf(process.platform !== 'win32')('preparePrivateDataDir', () => {
  it('creates a missing folder (and its parents) for its user only', () => {
    const dir = join(tempDir(), 'a', 'data');
    expect(preparePrivateDataDir(dir)).toBeUndefined();
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens a data folder an older version left readable, and its database files', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    for (const f of ['onair.sqlite', 'onair.sqlite-wal', 'onair.sqlite-shm'])
      writeFileSync(join(dir, f), '', { mode: 0o644 });
    writeFileSync(join(dir, 'notes.txt'), '', { mode: 0o644 });
    expect(preparePrivateDataDir(dir)).toBeUndefined();
    expect(mode(dir)).toBe(0o700);
    for (const f of ['onair.sqlite', 'onair.sqlite-wal', 'onair.sqlite-shm']) expect(mode(join(dir, f)), f).toBe(0o600);
    expect(mode(join(dir, 'notes.txt'))).toBe(0o644); // not ours to change
  });

  it('leaves a folder holding other things alone, says so, unless it is the app’s own', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'photos'));
    expect(preparePrivateDataDir(dir)).toMatch(/holds other files, so its permissions were left as they are/);
    expect(mode(dir)).toBe(0o755);
    expect(preparePrivateDataDir(dir, { owned: true })).toBeUndefined();
    expect(mode(dir)).toBe(0o700);
  });
});
