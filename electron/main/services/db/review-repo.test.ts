import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionId } from '../../../../shared/types';
import { tempDir } from '../../../../tests/support/temp-dir';
import { incidentsRepo } from './incidents-repo';
import { liveEventsRepo } from './live-events-repo';
import { openDatabase } from './open';
import { outboxRepo } from './outbox-repo';
import { reviewRepo } from './review-repo';
import { roundsRepo } from './rounds-repo';
import { sessionsRepo } from './sessions-repo';

function setup() {
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
  const sessions = sessionsRepo(db);
  const live = liveEventsRepo(db);
  const repo = reviewRepo(db, {
    sessions,
    live,
    incidents: incidentsRepo(db),
    rounds: roundsRepo(db),
    outbox: outboxRepo(db),
  });
  const event = (id: string, eventName: string, lines: string[]) => {
    sessions.upsert({
      id: id as SessionId,
      eventName,
      sourceUrl: 'http://127.0.0.1:1',
      startedAt: 1,
      speed: 1,
      truth: [],
    });
    live.writeBatch({
      sessionId: id,
      receivedAt: 2,
      chat: lines.map((text, i) => ({ id: `m${i}`, author: `user${i % 7}`, text, ts: 1000 + i })),
      health: [],
    });
  };
  return { db, repo, event };
}

describe('review history search', () => {
  it('finds an event by a line of its chat, case-insensitively, and says which line matched', () => {
    const { repo, event } = setup();
    event('a', 'Launch webinar', ['ciao a tutti', 'NON SI SENTE niente', 'ok']);
    event('b', 'Quarterly call', ['hello', 'all good']);
    const found = repo.list('non si sente');
    expect(found.map((e) => e.sessionId)).toEqual(['a']);
    expect(found[0].chatMatch).toEqual({ author: 'user1', text: 'NON SI SENTE niente' });
    // Found by its name: no chat line is named.
    expect(repo.list('quarterly')[0].chatMatch).toBeUndefined();
  });

  it('takes % and _ as plain text, and finds nothing when nothing matches', () => {
    const { repo, event } = setup();
    event('a', 'Launch', ['100% fine', 'snake_case']);
    expect(repo.list('100%').map((e) => e.sessionId)).toEqual(['a']);
    expect(repo.list('0_')).toEqual([]); // as LIKE, "0_" would match "00"
    expect(repo.list('nobody wrote this')).toEqual([]);
  });

  it('searches a 200,000-message event fast', () => {
    const { repo, event } = setup();
    event(
      'big',
      'Four hours',
      Array.from({ length: 200_000 }, (_, i) => `message number ${i} from the audience`),
    );
    const t0 = performance.now();
    expect(repo.list('nobody wrote this')).toEqual([]); // the worst case: every line read
    const miss = performance.now() - t0;
    const t1 = performance.now();
    expect(repo.list('number 199999')).toHaveLength(1);
    const hit = performance.now() - t1;
    console.log(`history search on 200,000 messages: no match ${miss.toFixed(0)} ms, last line ${hit.toFixed(0)} ms`);
    expect(miss).toBeLessThan(500);
  }, 60_000);
});
