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
/** The fake clock's start: a session starts now, and its data is stamped around now. */
const T0 = fakeClock().now();
const hello = { source: 'sim', eventName: 'Launch', scenario: 'calm', startedAt: T0, speed: 1 };
const msg = (i: number) => ({ id: `m${i}`, author: 'a', text: `t${i}`, ts: T0 + i });
const sampleAt = (ts: number) => ({
  ts,
  audioLevelDb: -20,
  audioPacketsPerSec: 50,
  videoFps: 30,
  bitrateKbps: 2000,
  droppedFrames: 0,
  streamState: 'online' as const,
  viewers: 1,
});

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
    ingest.hello({ ...hello, startedAt: T0 + 9_000 });
    expect(ingest.session()!.id).not.toBe(first);
    clock.advance(100);
    expect(events.filter((e) => e.name === 'session.started')).toHaveLength(2);
  });

  it('stores a 20,000-deep nested array it quarantines, not only counts it', () => {
    const { clock, live, ingest } = setup();
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    ingest.quarantined('chat.batch', '(root): expected object', deep);
    clock.advance(100);
    expect(ingest.stats().quarantined).toBe(1);
    expect(live.quarantinedCount()).toBe(1);
  });

  it('quarantines timestamps outside the session window, counted by kind, and shows none of them', () => {
    const { clock, live, ingest, events } = setup();
    ingest.hello(hello);
    ingest.chat([msg(1), { ...msg(2), ts: 8_640_000_000_000_001 }, { ...msg(3), ts: T0 + 86_400_000 }]);
    ingest.health({ ...sampleAt(T0 + 86_400_000) });
    ingest.health(sampleAt(T0 + 1000));
    clock.advance(100);
    expect(live.chatCount(ingest.session()!.id)).toBe(1);
    expect(live.quarantinedCount()).toBe(3);
    expect(ingest.stats()).toMatchObject({ quarantined: 3, quarantinedBy: { 'out-of-window': 3 }, health: 1 });
    expect(ingest.stats().lastQuarantineReason).toMatch(/^health: ts: .* ahead of the session's time line/);
    const shown = events.filter((e) => e.name === 'chat.received').flatMap((e) => e.payload as { id: string }[]);
    expect(shown.map((m) => m.id)).toEqual(['m1']);
    // A hello from the far future is refused too: no session.
    const other = setup();
    other.ingest.hello({ ...hello, startedAt: 8_640_000_000_000_000 });
    expect(other.ingest.session()).toBeNull();
    expect(other.ingest.stats().quarantinedBy).toEqual({ 'out-of-window': 1 });
  });

  it('sends 50 copies of one message to the UI once, and counts the rest as duplicates', () => {
    const { clock, ingest, events } = setup();
    ingest.hello(hello);
    for (let i = 0; i < 50; i++) ingest.chat([msg(7)]);
    ingest.health(sampleAt(T0 + 1000));
    ingest.health({ ...sampleAt(T0 + 1000), viewers: 99 }); // same timestamp: vanished uncounted before
    clock.advance(100);
    const shown = events.filter((e) => e.name === 'chat.received').flatMap((e) => e.payload as unknown[]);
    expect(shown).toHaveLength(1);
    expect(events.filter((e) => e.name === 'health.received').flatMap((e) => e.payload as unknown[])).toHaveLength(1);
    expect(ingest.stats()).toMatchObject({ chat: 1, health: 1, duplicates: 50 });
    // A replay after a reconnect, a tick later: duplicates only, nothing new on screen.
    const before = events.length;
    ingest.chat([msg(7)]);
    clock.advance(100);
    expect(events.slice(before).map((e) => e.name)).toEqual(['ingest.statsChanged']);
    expect(ingest.stats().duplicates).toBe(51);
  });

  it('after a restart, what the store already holds of the session counts as seen', () => {
    const { clock, db, ingest } = setup();
    ingest.hello(hello);
    ingest.chat([msg(1)]);
    clock.advance(100);
    const again = createIngest({
      sessions: sessionsRepo(db),
      live: liveEventsRepo(db),
      hub: createEventHub(),
      clock,
      sourceUrl: () => 'http://127.0.0.1:1',
    });
    again.hello(hello);
    again.chat([msg(1), msg(2)]);
    again.flush();
    expect(again.stats()).toMatchObject({ chat: 2, duplicates: 1 });
  });

  it('replaces lone surrogates in chat text and counts them, so what is stored is what is shown', () => {
    const { clock, live, ingest, events } = setup();
    ingest.hello(hello);
    ingest.chat([{ ...msg(1), author: 'gi\ud800', text: 'half an emoji \ud83d' }]);
    clock.advance(100);
    const [stored] = live.recentChat(ingest.session()!.id, 10);
    const [shown] = events.find((e) => e.name === 'chat.received')!.payload as { author: string; text: string }[];
    expect(stored).toMatchObject({ author: 'gi\ufffd', text: 'half an emoji \ufffd' });
    expect(shown).toMatchObject({ author: stored.author, text: stored.text });
    expect(ingest.stats().repaired).toBe(1);
  });

  it('marks our own posts by the id the source returned, whoever the author is', () => {
    const { clock, ingest, events } = setup();
    ingest.hello(hello);
    ingest.chat([
      { ...msg(1), author: 'Organiser' },
      { ...msg(2), author: 'viewer' },
    ]);
    ingest.ownPost('m2'); // the ack comes just after the message
    clock.advance(100);
    const shown = events.find((e) => e.name === 'chat.received')!.payload as { id: string; own?: true }[];
    expect(shown).toEqual([
      expect.not.objectContaining({ own: true }),
      expect.objectContaining({ id: 'm2', own: true }),
    ]);
    expect(ingest.markOwn([msg(2)])).toEqual([{ ...msg(2), own: true }]);
  });

  it('ends the session only on an end inside its window', () => {
    const { clock, ingest } = setup();
    const ended: number[] = [];
    ingest.addListener({ onEnded: (s) => ended.push(s.endedAt!) });
    ingest.ended(T0);
    ingest.hello(hello);
    ingest.ended(T0 - 1);
    ingest.ended(8_640_000_000_000_000);
    expect(ended).toEqual([]);
    expect(ingest.session()!.endedAt).toBeUndefined();
    clock.advance(60_000);
    ingest.ended(clock.now());
    expect(ended).toEqual([clock.now()]);
    expect(ingest.stats().quarantinedBy).toEqual({ 'no-session': 1, 'out-of-window': 2 });
  });

  it('tells the UI about quarantined payloads even when nothing else arrives', () => {
    const { clock, ingest, events } = setup();
    ingest.quarantined('chat.message', 'text: too long', {});
    clock.advance(100);
    expect(events.at(-1)).toMatchObject({ name: 'ingest.statsChanged', payload: { quarantined: 1 } });
  });
});
