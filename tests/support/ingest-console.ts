/**
 * One console's ingest on a real SQLite store, fed a simulated session by hand: what the team-ingest tests
 * copy to the team database. Every console fed the same `simulatedSession` derives the same session id and
 * the same rows, as consoles watching one source do.
 */
import type { Clock } from '../../shared/clock';
import type { ChatMessage, HealthSample, SourceHello } from '../../shared/types';
import { liveEventsRepo } from '../../electron/main/services/db/live-events-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { sessionsRepo } from '../../electron/main/services/db/sessions-repo';
import { createEventHub } from '../../electron/main/services/event-hub';
import { createIngest } from '../../electron/main/services/ingest/ingest';

export function ingestConsole(clock: Clock, file = ':memory:') {
  const db = openDatabase({ file, now: clock.now });
  const live = liveEventsRepo(db);
  const ingest = createIngest({
    sessions: sessionsRepo(db),
    live,
    hub: createEventHub(),
    clock,
    sourceUrl: () => 'http://127.0.0.1:1',
    flushMs: 100,
  });
  return { db, live, ingest };
}

/** A session of `startedAt`: message i at startedAt + i ms, health sample i at startedAt + 10·i ms. */
export function simulatedSession(startedAt: number) {
  const hello: SourceHello = { source: 'sim', eventName: 'Launch', scenario: 'calm', startedAt, speed: 1 };
  const message = (i: number, text = `message ${i}`): ChatMessage => ({
    id: `m${i}`,
    author: `viewer ${i % 7}`,
    text,
    ts: startedAt + i,
  });
  const sample = (i: number): HealthSample => ({
    ts: startedAt + i * 10,
    audioLevelDb: -20,
    videoFps: 30,
    streamState: 'online',
    viewers: 100 + i,
  });
  return { hello, message, sample, sessionId: `sim/calm/${startedAt}` };
}
