import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '../../channels';
import {
  DEFAULT_PLAYBOOKS,
  deadlineHistory,
  missedDeadlines,
  playbookSchema,
  silenceMs,
  silenceStatus,
  type Playbook,
} from './playbook';
import { PLAYBOOK_KINDS } from '../vocabulary';

const MIN = 60_000;
const T0 = 1_700_000_000_000;
const pb: Playbook = {
  ...DEFAULT_PLAYBOOKS.audio,
  firstUpdateDeadlineMs: 2 * MIN,
  cadenceMs: 5 * MIN,
  amberAtFraction: 0.6,
};

describe('DEFAULT_PLAYBOOKS', () => {
  it('has one valid playbook per kind, with the defaults and every channel', () => {
    for (const kind of PLAYBOOK_KINDS) {
      const p = DEFAULT_PLAYBOOKS[kind];
      expect(p.kind).toBe(kind);
      expect(playbookSchema.safeParse(p).success).toBe(true);
    }
    expect(DEFAULT_PLAYBOOKS.audio.firstUpdateDeadlineMs).toBe(2 * MIN);
    expect(DEFAULT_PLAYBOOKS.audio.cadenceMs).toBe(5 * MIN);
    expect(DEFAULT_PLAYBOOKS.video.channels).toEqual([...CHANNEL_IDS]);
    expect(DEFAULT_PLAYBOOKS.postponement.finalMessage).toBe('postponement.postponed');
  });
});

describe('playbookSchema', () => {
  it.each([
    ['a single channel', { channels: ['webinar-chat'] }],
    ['a duplicate channel', { channels: ['email', 'email'] }],
    ['an unknown channel', { channels: ['email', 'fax'] }],
    ['amber fraction of 1', { amberAtFraction: 1 }],
    ['a zero deadline', { firstUpdateDeadlineMs: 0 }],
    ['an unknown template', { finalMessage: 'audio.goodbye' }],
    ['an empty name', { name: '  ' }],
  ])('rejects %s', (_label, patch) => {
    expect(playbookSchema.safeParse({ ...pb, ...patch }).success).toBe(false);
  });
});

describe('silenceMs', () => {
  it('counts from the last public update, or from the opening', () => {
    expect(silenceMs(undefined, T0, T0 + 90_000)).toBe(90_000);
    expect(silenceMs(T0 + 60_000, T0, T0 + 90_000)).toBe(30_000);
    expect(silenceMs(undefined, T0, T0 - 5)).toBe(0);
  });
});

describe('silenceStatus', () => {
  const open = { openedAt: T0, status: 'open' };

  it('goes ok → amber → red at the first-update deadline', () => {
    expect(silenceStatus(pb, open, T0 + 10_000)).toMatchObject({
      level: 'ok',
      deadlineKind: 'first-update',
      nextDeadlineAt: T0 + 2 * MIN,
      missed: false,
      overdueMs: 0,
    });
    expect(silenceStatus(pb, open, T0 + 72_000 - 1).level).toBe('ok');
    expect(silenceStatus(pb, open, T0 + 72_000).level).toBe('amber');
    expect(silenceStatus(pb, open, T0 + 2 * MIN - 1)).toMatchObject({ level: 'amber', missed: false });
    expect(silenceStatus(pb, open, T0 + 2 * MIN)).toMatchObject({ level: 'red', missed: true, overdueMs: 0 });
    expect(silenceStatus(pb, open, T0 + 3 * MIN)).toMatchObject({
      level: 'red',
      missed: true,
      overdueMs: MIN,
      silenceMs: 3 * MIN,
    });
  });

  it('is reset by an update and then follows the cadence', () => {
    const acked = { ...open, firstUpdateAt: T0 + MIN, lastUpdateAt: T0 + MIN };
    expect(silenceStatus(pb, acked, T0 + 3 * MIN)).toMatchObject({
      level: 'ok',
      deadlineKind: 'cadence',
      nextDeadlineAt: T0 + 6 * MIN,
      silenceMs: 2 * MIN,
    });
    expect(silenceStatus(pb, acked, T0 + 4 * MIN).level).toBe('amber'); // 3 of 5 minutes
    expect(silenceStatus(pb, acked, T0 + 6 * MIN)).toMatchObject({ level: 'red', missed: true });
    const later = { ...acked, lastUpdateAt: T0 + 6 * MIN + 30_000 };
    expect(silenceStatus(pb, later, T0 + 7 * MIN)).toMatchObject({
      level: 'ok',
      nextDeadlineAt: T0 + 11 * MIN + 30_000,
    });
  });

  it('uses the first update when no last update is given', () => {
    expect(silenceStatus(pb, { ...open, firstUpdateAt: T0 + MIN }, T0 + 2 * MIN)).toMatchObject({
      deadlineKind: 'cadence',
      level: 'ok',
    });
  });

  it.each(['resolved', 'false-alarm'])('is ok with no deadline once %s', (status) => {
    expect(silenceStatus(pb, { openedAt: T0, status }, T0 + 60 * MIN)).toMatchObject({
      level: 'ok',
      nextDeadlineAt: null,
      deadlineKind: null,
      missed: false,
      overdueMs: 0,
    });
  });
});

describe('silenceStatus after the "resolved" message', () => {
  const told = { openedAt: T0, firstUpdateAt: T0 + MIN, lastUpdateAt: T0 + 3 * MIN, status: 'acknowledged' };

  it('stops the "next update due" countdown while the incident is still open', () => {
    expect(silenceStatus(pb, { ...told, lastPhase: 'resolved' }, T0 + 60 * MIN)).toMatchObject({
      level: 'ok',
      nextDeadlineAt: null,
      missed: false,
    });
  });

  it('keeps counting after any other phase, and again once an update follows the resolved message', () => {
    for (const lastPhase of ['acknowledge', 'update', 'manual', undefined]) {
      expect(silenceStatus(pb, { ...told, lastPhase }, T0 + 60 * MIN)).toMatchObject({
        level: 'red',
        nextDeadlineAt: T0 + 3 * MIN + pb.cadenceMs,
        missed: true,
      });
    }
  });
});

describe('deadlineHistory / missedDeadlines', () => {
  it('owes nothing after the resolved message, while nobody closed the incident yet', () => {
    const updates = [T0 + MIN, T0 + 4 * MIN];
    const allClear = { openedAt: T0, allClearAt: T0 + 4 * MIN };
    expect(missedDeadlines(pb, allClear, updates, T0 + 60 * MIN)).toEqual([]);
    // Without it, the cadence after the last update is missed.
    expect(missedDeadlines(pb, { openedAt: T0 }, updates, T0 + 60 * MIN)).toMatchObject([
      { kind: 'cadence', dueAt: T0 + 4 * MIN + pb.cadenceMs },
    ]);
  });

  it('finds nothing missed when every update is on time', () => {
    const updates = [T0 + MIN, T0 + 5 * MIN, T0 + 10 * MIN];
    expect(missedDeadlines(pb, { openedAt: T0 }, updates, T0 + 12 * MIN)).toEqual([]);
    expect(deadlineHistory(pb, { openedAt: T0 }, updates, T0 + 12 * MIN).map((d) => d.kind)).toEqual([
      'first-update',
      'cadence',
      'cadence',
    ]);
  });

  it('reports a late first update and a cadence left unanswered', () => {
    const missed = missedDeadlines(pb, { openedAt: T0 }, [T0 + 3 * MIN], T0 + 10 * MIN);
    expect(missed).toEqual([
      { kind: 'first-update', dueAt: T0 + 2 * MIN, metAt: T0 + 3 * MIN, lateByMs: MIN },
      { kind: 'cadence', dueAt: T0 + 8 * MIN, lateByMs: 2 * MIN },
    ]);
  });

  it('reports complete silence as one missed first update', () => {
    expect(missedDeadlines(pb, { openedAt: T0 }, [], T0 + 30 * MIN)).toEqual([
      { kind: 'first-update', dueAt: T0 + 2 * MIN, lateByMs: 28 * MIN },
    ]);
  });

  it('stops at closing and ignores deadlines not yet due', () => {
    const times = { openedAt: T0, closedAt: T0 + 5 * MIN };
    expect(missedDeadlines(pb, times, [T0 + MIN], T0 + 60 * MIN)).toEqual([]);
    expect(missedDeadlines(pb, { ...times, closedAt: T0 + 7 * MIN }, [T0 + MIN], T0 + 60 * MIN)).toEqual([
      { kind: 'cadence', dueAt: T0 + 6 * MIN, lateByMs: MIN },
    ]);
    expect(missedDeadlines(pb, { openedAt: T0 }, [T0 + MIN], T0 + 4 * MIN)).toEqual([]);
  });

  it('sorts updates and ignores those before opening', () => {
    const history = deadlineHistory(pb, { openedAt: T0 }, [T0 + 9 * MIN, T0 - MIN, T0 + MIN], T0 + 10 * MIN);
    expect(history.map((d) => d.metAt)).toEqual([T0 + MIN, T0 + 9 * MIN]);
    expect(history[1]).toMatchObject({ kind: 'cadence', dueAt: T0 + 6 * MIN, lateByMs: 3 * MIN });
  });
});
