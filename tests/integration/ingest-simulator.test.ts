/**
 * The real simulator on 127.0.0.1 → the real socket.io ingest adapter → a real SQLite file.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatUntil } from '../../electron/main/services/simulator/scenario/scenario-chat';
import type { ConnectionStatus } from '../../shared/types';
import { systemClock } from '../../electron/main/services/clock';
import { liveEventsRepo } from '../../electron/main/services/db/live-events-repo';
import { openDatabase, type Db } from '../../electron/main/services/db/open';
import { sessionsRepo } from '../../electron/main/services/db/sessions-repo';
import { createEventHub } from '../../electron/main/services/event-hub';
import { createIngest, type Ingest } from '../../electron/main/services/ingest/ingest';
import { socketIoSource } from '../../electron/main/services/ingest/socketio-source';
import type { SourceAdapter } from '../../electron/main/services/ingest/source-adapter';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

/** Waits on the real socket and simulator (the scenario's own timeline runs on a fake clock where it can). */
const until = (cond: () => boolean, what: string) => poll(cond, { timeoutMs: 10_000, intervalMs: 10, what });

function wire(url: string) {
  const db: Db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
  const hub = createEventHub();
  const statuses: ConnectionStatus[] = [];
  hub.subscribe((name, payload) => {
    if (name === 'connection.changed') statuses.push((payload as { status: ConnectionStatus }).status);
  });
  const live = liveEventsRepo(db);
  const ingest: Ingest = createIngest({
    sessions: sessionsRepo(db),
    live,
    hub,
    clock: systemClock,
    sourceUrl: () => url,
  });
  let ended = 0;
  const origEnded = ingest.ended.bind(ingest);
  ingest.ended = (at) => {
    ended++;
    origEnded(at);
  };
  const adapter: SourceAdapter = socketIoSource({
    url,
    clock: systemClock,
    reconnectDelayMs: 50,
    reconnectDelayMaxMs: 200,
  });
  adapter.start(ingest);
  return { db, live, ingest, adapter, statuses, ended: () => ended };
}

describe('simulator → ingest → SQLite', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('stores every chat message and health sample of audio-loss exactly once', async () => {
    const scenario = loadScenarioFile('audio-loss');
    // The simulator's time line starts now: ingest receives on the real clock, and refuses data from years ago.
    const clock = fakeClock(Date.now());
    const sim = await startSimulator({ scenario, speed: 100, clock });
    cleanups.push(() => sim.close());
    const w = wire(sim.url);
    cleanups.push(
      () => w.adapter.stop(),
      () => void w.db.close(),
    );
    await until(() => w.ingest.session() !== null, 'a session from the hello');

    // Drive playback tick by tick over the real socket.
    for (let t = 0; t < scenario.durationSec; t++) clock.advance(10);
    await until(() => w.ended() === 1, 'source.ended');
    w.ingest.flush();

    const session = w.ingest.session()!;
    const expected = chatUntil(scenario, 0, scenario.durationSec, session.startedAt)
      .map((m) => m.id)
      .sort();
    const stored = w.live
      .chatBetween(session.id, 0, Number.MAX_SAFE_INTEGER)
      .map((m) => m.id)
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(stored).toEqual(expected);
    expect(sim.sent.chat).toBe(expected.length);
    expect(w.live.healthBetween(session.id, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(sim.sent.health);
    expect(w.ingest.stats().quarantined).toBe(0);
    // The audio-loss fault is visible in what was stored.
    const silent = w.live.healthBetween(session.id, session.startedAt + 70_000, session.startedAt + 80_000);
    expect(silent.every((h) => (h.audioLevelDb ?? 0) <= -60)).toBe(true);
  });

  it('reconnects after the simulator is killed and restarted: offline → online', async () => {
    const scenario = loadScenarioFile('calm');
    let sim = await startSimulator({ scenario, speed: 20 });
    const port = sim.port;
    const w = wire(sim.url);
    cleanups.push(
      () => w.adapter.stop(),
      () => void w.db.close(),
    );
    await until(() => w.statuses.includes('online') && w.ingest.stats().health > 0, 'online with health');
    const firstSession = w.ingest.session()!.id;

    await sim.close();
    await until(() => w.statuses.at(-1) === 'offline', 'offline after the kill');
    sim = await startSimulator({ scenario, speed: 20, port });
    cleanups.push(() => sim.close());
    await until(() => w.statuses.at(-1) === 'online', 'online after the restart');
    await until(() => w.ingest.session()!.id !== firstSession, 'a new session');

    const seq = w.statuses.filter((s, i, a) => s !== a[i - 1]);
    expect(seq.slice(seq.indexOf('online'))).toEqual(['online', 'offline', 'online']);
    const rows = w.db.prepare('SELECT status FROM connection_events ORDER BY id').all() as { status: string }[];
    expect(rows.map((r) => r.status)).toContain('offline');
  });
});
