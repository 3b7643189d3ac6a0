import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/contract';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { liveEventsRepo } from '../db/live-events-repo';
import { openDatabase } from '../db/open';
import { sessionsRepo } from '../db/sessions-repo';
import { createEventHub } from '../event-hub';
import { createIngest, STORE_RETRY_MS } from './ingest';

function setup(maxBuffered = 2000) {
  const clock = fakeClock();
  const db = openDatabase({ file: ':memory:', now: clock.now });
  const hub = createEventHub();
  const events: { name: EventName; payload: unknown }[] = [];
  hub.subscribe((name, payload) => events.push({ name, payload }));
  const live = liveEventsRepo(db);
  const ingest = createIngest({
    sessions: sessionsRepo(db),
    live,
    hub,
    clock,
    sourceUrl: () => 'http://127.0.0.1:1',
    flushMs: 100,
    maxBuffered,
  });
  return { clock, db, live, ingest, events };
}
const hello = { source: 'sim', eventName: 'Launch', scenario: 'calm', startedAt: 1_000, speed: 1 };
const msg = (i: number) => ({ id: `m${i}`, author: 'a', text: `t${i}`, ts: 1_000 + i });

describe('ingest', () => {
  it('writes buffered chat in one flush per tick, not one write per message', () => {
    const { clock, live, ingest, events } = setup();
    ingest.hello(hello);
    for (let i = 0; i < 50; i++) ingest.chat([msg(i)]);
    expect(live.chatCount(ingest.session()!.id)).toBe(0); // nothing until the tick
    clock.advance(100);
    expect(live.chatCount(ingest.session()!.id)).toBe(50);
    const chatEvents = events.filter((e) => e.name === 'chat.received');
    expect(chatEvents).toHaveLength(1);
    expect((chatEvents[0].payload as unknown[]).length).toBe(50);
  });

  it('flushes early when a burst fills the buffer', () => {
    const { live, ingest } = setup(100);
    ingest.hello(hello);
    ingest.chat(Array.from({ length: 100 }, (_, i) => msg(i)));
    expect(live.chatCount(ingest.session()!.id)).toBe(100);
  });

  it('quarantines data that arrives before any session, and keeps it', () => {
    const { clock, live, ingest } = setup();
    ingest.chat([msg(1)]);
    ingest.health({
      ts: 1,
      audioLevelDb: -20,
      audioPacketsPerSec: 50,
      videoFps: 30,
      bitrateKbps: 2000,
      droppedFrames: 0,
      streamState: 'online',
      viewers: 1,
    });
    clock.advance(100);
    expect(ingest.stats().quarantined).toBe(2);
    expect(live.quarantinedCount()).toBe(2);
    expect(ingest.stats().lastQuarantineReason).toMatch(/before source.hello/);
  });

  it('stores a quarantined huge payload as a capped excerpt without crashing', () => {
    const { clock, live, ingest } = setup();
    ingest.quarantined('chat.message', 'text: too long', { text: 'x'.repeat(5_000_000) });
    clock.advance(100);
    expect(live.quarantinedCount()).toBe(1);
  });

  it('keeps live data in memory while SQLite refuses writes, and stores all of it once it accepts again', () => {
    const { clock, db, live, ingest, events } = setup();
    ingest.hello(hello);
    db.pragma('query_only = ON'); // a real refusal from SQLite: "attempt to write a readonly database"
    ingest.chat([msg(1), msg(2)]);
    clock.advance(100);
    expect(ingest.stats().lastStoreError).toMatch(/readonly/);
    expect(events.some((e) => e.name === 'chat.received')).toBe(false);
    ingest.chat([msg(3)]);
    clock.advance(STORE_RETRY_MS);
    expect(live.chatCount(ingest.session()!.id)).toBe(0);

    db.pragma('query_only = OFF');
    clock.advance(STORE_RETRY_MS);
    expect(live.chatCount(ingest.session()!.id)).toBe(3);
    expect(ingest.stats().lastStoreError).toBeUndefined();
  });

  it('keeps the same session when the same run says hello again, and a new one for a new run', () => {
    const { clock, ingest, events } = setup();
    ingest.hello(hello);
    const first = ingest.session()!.id;
    ingest.hello(hello);
    expect(ingest.session()!.id).toBe(first);
    ingest.hello({ ...hello, startedAt: 9_000 });
    expect(ingest.session()!.id).not.toBe(first);
    clock.advance(100);
    expect(events.filter((e) => e.name === 'session.started')).toHaveLength(2);
  });
});
