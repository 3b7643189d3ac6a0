import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionId } from '../../../../shared/types';
import { tempDir } from '../../../../tests/support/temp-dir';
import { openDatabase } from './open';
import { sessionView, sessionsRepo } from './sessions-repo';

const session = (id: string) => ({
  id: id as SessionId,
  eventName: 'Launch',
  sourceUrl: 'http://127.0.0.1:1',
  startedAt: 1,
  speed: 1,
  truth: [],
});

describe('sessions repo: rehearsals', () => {
  it('stores whether a session is a rehearsal, keeps the first answer on a reconnect, and tells the consoles', () => {
    const file = join(tempDir(), 'onair.sqlite');
    const sessions = sessionsRepo(openDatabase({ file }));
    expect(sessions.upsert({ ...session('sim/calm/1'), rehearsal: true }).rehearsal).toBe(true);
    expect(sessions.upsert({ ...session('sim/calm/1'), rehearsal: false }).rehearsal).toBe(true);
    expect(sessions.upsert(session('live/launch/2')).rehearsal).toBe(false); // unmarked, e.g. imported: live
    const reopened = sessionsRepo(openDatabase({ file }));
    expect(sessionView(reopened.byId('sim/calm/1')!)).toMatchObject({ id: 'sim/calm/1', rehearsal: true });
    expect(reopened.recent().map((s) => [s.id, s.rehearsal])).toEqual(
      expect.arrayContaining([
        ['sim/calm/1', true],
        ['live/launch/2', false],
      ]),
    );
  });
});
