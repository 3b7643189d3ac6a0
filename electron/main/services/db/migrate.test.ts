import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { migrate, MigrationError, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, sql });

describe('migrations', () => {
  it('opens a real file in WAL mode with every migration applied once', () => {
    const file = join(tempDir(), 'onair.sqlite');
    const db = openDatabase({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = db.prepare('SELECT version FROM schema_migrations').all();
    expect(applied).toHaveLength(MIGRATIONS.length);
    db.close();
    const again = openDatabase({ file }); // re-opening applies nothing twice
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('applies only the new migrations, each in its own transaction', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [m(1, 'CREATE TABLE a (x)')], () => 1)).toEqual([1]);
    expect(migrate(db, [m(1, 'CREATE TABLE a (x)'), m(2, 'CREATE TABLE b (y)')], () => 2)).toEqual([2]);
    expect(() =>
      migrate(
        db,
        [m(1, 'CREATE TABLE a (x)'), m(2, 'CREATE TABLE b (y)'), m(3, 'CREATE TABLE c (z); SELECT nonsense(')],
        () => 3,
      ),
    ).toThrow();
    // the failed migration left nothing behind
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
  });

  it('refuses a database whose applied migration differs, and leaves the file alone', () => {
    const file = join(tempDir(), 'edited.sqlite');
    const db = new Database(file);
    migrate(db, [m(1, 'CREATE TABLE a (x)')], () => 1);
    db.prepare('INSERT INTO a VALUES (42)').run();
    expect(() => migrate(db, [m(1, 'CREATE TABLE a (x, y)')], () => 2)).toThrow(MigrationError);
    expect(existsSync(file)).toBe(true);
    expect(db.prepare('SELECT x FROM a').get()).toEqual({ x: 42 });
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    migrate(db, [m(1, 'CREATE TABLE a (x)'), m(2, 'CREATE TABLE b (x)')], () => 1);
    expect(() => migrate(db, [m(1, 'CREATE TABLE a (x)')], () => 2)).toThrow(/newer Onair/);
  });
});
