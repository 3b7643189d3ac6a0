/**
 * A source whose middleware refuses the connect (`io.use` calling next(err)): socket.io-client reports
 * connect_error and never tries again, so ingest stayed offline for good with "retry 1" on screen. The
 * adapter retries with the same backoff, on its clock; here a real socket.io server on 127.0.0.1 refuses the
 * first three connects and a fake clock paces the retries.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/types';
import { liveEventsRepo } from '../../electron/main/services/db/live-events-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { sessionsRepo } from '../../electron/main/services/db/sessions-repo';
import { createEventHub } from '../../electron/main/services/event-hub';
import { createIngest } from '../../electron/main/services/ingest/ingest';
import { backoffMs, socketIoSource } from '../../electron/main/services/ingest/socketio-source';
import type { SourceAdapter } from '../../electron/main/services/ingest/source-adapter';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { startTestSource, type TestSource } from './support-test-source';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN_MS = 100;
const MAX_MS = 400;
const half = () => 0.5; // fixed jitter: 0.5 × 10 is odd, so +15 %

async function wire(source: TestSource) {
  const clock = fakeClock();
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite'), now: clock.now });
  const hub = createEventHub();
  const states: ConnectionState[] = [];
  hub.subscribe((name, payload) => {
    if (name === 'connection.changed') states.push(payload as ConnectionState);
  });
  const ingest = createIngest({
    sessions: sessionsRepo(db),
    live: liveEventsRepo(db),
    hub,
    clock,
    sourceUrl: () => source.url,
  });
  const adapter: SourceAdapter = socketIoSource({
    url: source.url,
    clock,
    reconnectDelayMs: MIN_MS,
    reconnectDelayMaxMs: MAX_MS,
    random: half,
  });
  adapter.start(ingest);
  cleanups.push(
    () => adapter.stop(),
    () => void db.close(),
  );
  return { clock, ingest, states, adapter };
}

describe('a source that refuses the connect', () => {
  it('is retried with backoff until it lets us in', async () => {
    const hello = { source: 'picky', eventName: 'Launch', startedAt: fakeClock().now(), speed: 1 };
    const source = await startTestSource({ hello, refuseFirst: 3 });
    cleanups.push(() => source.close());
    const w = await wire(source);

    for (let attempt = 1; attempt <= 3; attempt++) {
      await poll(() => w.states.at(-1), {
        until: (s) => s?.status === 'offline' && s.attempt === attempt,
        what: `refusal ${attempt}`,
      });
      expect(w.states.at(-1)!.lastError).toBe(`not yet (${attempt})`);
      expect(source.connects()).toBe(attempt);
      // The retry waits for its backoff on the adapter's clock: min · 2^(attempt−1), capped.
      w.clock.advance(backoffMs(attempt, MIN_MS, MAX_MS, half));
    }

    await poll(() => w.ingest.session(), { what: 'the session after the fourth connect' });
    expect(w.adapter.isConnected()).toBe(true);
    expect(source.connects()).toBe(4);
    expect(w.states.at(-1)).toMatchObject({ status: 'online', attempt: 0 });
  });

  it('is retried after the source disconnects us, with the same backoff', async () => {
    const hello = { source: 'kicker', eventName: 'Launch', startedAt: fakeClock().now(), speed: 1 };
    const source = await startTestSource({ hello });
    cleanups.push(() => source.close());
    const w = await wire(source);
    await poll(() => w.adapter.isConnected(), { what: 'connected' });
    source.kick();
    await poll(() => w.states.at(-1), {
      until: (s) => s?.status === 'offline' && s.lastError === 'io server disconnect',
      what: 'kicked',
    });
    w.clock.advance(backoffMs(1, MIN_MS, MAX_MS, half));
    await poll(() => w.adapter.isConnected(), { what: 'back after the backoff' });
    expect(source.connects()).toBe(2);
  });
});

describe('backoff', () => {
  it('doubles from the minimum up to the cap, with ±30 % jitter', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 500, 10_000, () => 0))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffMs(6, 500, 10_000, () => 0)).toBe(10_000);
    expect(backoffMs(1_000, 500, 10_000, () => 0)).toBe(10_000);
    expect(backoffMs(1, 500, 10_000, () => 0.5)).toBe(575);
    expect(backoffMs(1, 500, 10_000, () => 0.25)).toBe(463);
  });
});
