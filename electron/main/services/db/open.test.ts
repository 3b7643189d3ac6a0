import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { openDatabase } from './open';

/** PRAGMA synchronous values (https://sqlite.org/pragma.html#pragma_synchronous). */
const SYNCHRONOUS = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 } as const;

describe('openDatabase', () => {
  it('syncs the WAL at every commit, so a power cut cannot roll back a post the UI showed as sent', () => {
    const file = join(tempDir(), 'onair.sqlite');
    const db = openDatabase({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // NORMAL would sync only at checkpoints: the last commits before a power cut could be lost.
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS.FULL);
    db.close();
    // The setting belongs to a connection, not to the file: every connection the app opens has it.
    const again = openDatabase({ file });
    expect(again.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS.FULL);
    again.close();
  });
});
