/**
 * A source that misbehaves, over a real socket.io connection on 127.0.0.1 into the real adapter, ingest and
 * SQLite file: timestamps no Date can hold, the same message fifty times, a replay of its history on every
 * reconnect, frames that do not decode, a 20,000-deep array, half an emoji. Each is refused or repaired,
 * counted, and the valid traffic around it still flows.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { ChatMessage, ConnectionState } from '../../shared/types';
import { liveEventsRepo } from '../../electron/main/services/db/live-events-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { sessionsRepo } from '../../electron/main/services/db/sessions-repo';
import { createEventHub } from '../../electron/main/services/event-hub';
import { createIngest } from '../../electron/main/services/ingest/ingest';
import { socketIoSource } from '../../electron/main/services/ingest/socketio-source';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { healthAt, startTestSource, type TestSourceOptions } from './support-test-source';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NO_DATE = 8_640_000_000_000_001;

async function wire(over: Partial<TestSourceOptions> = {}) {
  const clock = fakeClock();
  const t0 = clock.now();
  const source = await startTestSource({
    hello: { source: 'hostile', eventName: 'Launch', scenario: 'hostile', startedAt: t0, speed: 1 },
    ...over,
  });
  cleanups.push(() => source.close());
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite'), now: clock.now });
  const hub = createEventHub();
  const events: { name: EventName; payload: unknown }[] = [];
  hub.subscribe((name, payload) => events.push({ name, payload }));
  const live = liveEventsRepo(db);
  const ingest = createIngest({ sessions: sessionsRepo(db), live, hub, clock, sourceUrl: () => source.url });
  const adapter = socketIoSource({ url: source.url, clock, reconnectDelayMs: 20, reconnectDelayMaxMs: 50 });
  adapter.start(ingest);
  cleanups.push(
    () => adapter.stop(),
    () => void db.close(),
  );
  await poll(() => ingest.session(), { what: 'the session' });
  const shown = () => events.filter((e) => e.name === 'chat.received').flatMap((e) => e.payload as ChatMessage[]);
  const states = () =>
    events.filter((e) => e.name === 'connection.changed').map((e) => (e.payload as ConnectionState).status);
  /** Waits until the chat line `id` reached the UI. */
  const until = (id: string) =>
    poll(
      () => {
        ingest.flush();
        return shown().some((m) => m.id === id);
      },
      { what: `chat ${id} on screen`, intervalMs: 5 },
    );
  const msg = (id: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
    id,
    author: 'viewer',
    text: `line ${id}`,
    ts: t0,
    ...over,
  });
  return { clock, t0, source, db, live, ingest, adapter, shown, states, until, msg };
}

describe('a hostile source', () => {
  it('never gets a timestamp no Date can hold into the store or on screen', async () => {
    const w = await wire();
    w.source.send('chat.message', w.msg('bad', { ts: NO_DATE }));
    w.source.send('chat.batch', [w.msg('ahead', { ts: w.t0 + 86_400_000 }), w.msg('fine')]);
    w.source.send('health.sample', healthAt(NO_DATE));
    w.source.send('source.hello', { source: 'hostile', eventName: 'Again', startedAt: NO_DATE, speed: 1 });
    w.source.send('chat.message', w.msg('after'));
    await w.until('after');
    expect(w.shown().map((m) => m.id)).toEqual(['fine', 'after']);
    expect(w.ingest.stats().quarantinedBy).toEqual({ invalid: 3, 'out-of-window': 1 });
    expect(w.live.quarantinedCount()).toBe(4);
    const max = w.db.prepare('SELECT MAX(ts) AS ts FROM chat_messages').get() as { ts: number };
    expect(max.ts).toBe(w.t0);
  });

  it('shows fifty copies of a message once, and a replay of its history after a reconnect not at all', async () => {
    const history = Array.from({ length: 2000 }, (_, i) => ({
      id: `h${i}`,
      author: 'viewer',
      text: `history ${i}`,
      ts: fakeClock().now() + i,
    }));
    const w = await wire({ onConnect: (s) => void s.emit('chat.batch', history) });
    await w.until('h1999');
    for (let i = 0; i < 50; i++) w.source.send('chat.message', w.msg('same'));
    w.source.send('health.sample', healthAt(w.t0 + 1000));
    w.source.send('health.sample', healthAt(w.t0 + 1000, { viewers: 7 }));
    w.source.send('chat.message', w.msg('next'));
    await w.until('next');
    expect(w.shown().filter((m) => m.id === 'same')).toHaveLength(1);
    expect(w.ingest.stats().duplicates).toBe(49 + 1);

    const linesBefore = w.shown().length;
    w.source.kick(); // the source drops us; on the way back in it replays all 2000
    await poll(() => w.states().at(-1) === 'offline', { what: 'kicked' });
    w.clock.advance(50);
    await poll(() => w.states().at(-1) === 'online', { what: 'back' });
    w.source.send('chat.message', w.msg('after-replay'));
    await w.until('after-replay');
    expect(w.shown().length).toBe(linesBefore + 1);
    expect(w.ingest.stats()).toMatchObject({ chat: 2003, health: 1, duplicates: 50 + 2000 });
  });

  it('keeps the connection through frames that do not decode, and stores each of them', async () => {
    const w = await wire();
    const frames = [
      '2[', // not JSON
      '2{"not":"an array"}', // an event that is not a list
      '2["connect"]', // a reserved event name
      '2["chat.message",', // cut off
      '4', // a connect error without its data: socket.io-client threw on it, uncaught
      '9', // no such packet type
      '51-["chat.message",{"_placeholder":true,"num":0}]', // a binary event whose attachment never comes
    ];
    for (const f of frames) w.source.frame(f);
    w.source.send('chat.message', w.msg('still-here'));
    await w.until('still-here');
    expect(w.states()).not.toContain('offline');
    // The binary header's attachment never came: counted when the next frame shows it.
    expect(w.ingest.stats().quarantinedBy).toEqual({ 'malformed-frame': frames.length });
    expect(w.live.quarantinedCount()).toBe(frames.length);
  });

  it('stores a 20,000-deep array it quarantines, and repairs half an emoji', async () => {
    const w = await wire();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    w.source.frame(`2["chat.batch",[${deep}]]`);
    w.source.frame(`2["chat.message",${deep}]`);
    w.source.send('chat.message', w.msg('emoji', { author: 'gi\ud83d', text: 'ciao \udc00!' }));
    await w.until('emoji');
    expect(w.ingest.stats()).toMatchObject({ quarantined: 2, repaired: 1 });
    expect(w.live.quarantinedCount()).toBe(2);
    expect(w.live.recentChat(w.ingest.session()!.id, 5)).toEqual([
      { id: 'emoji', author: 'gi\ufffd', text: 'ciao \ufffd!', ts: w.t0 },
    ]);
    expect(w.shown().find((m) => m.id === 'emoji')).toMatchObject({ author: 'gi\ufffd', text: 'ciao \ufffd!' });
  });

  it('counts an event the protocol does not have, and a duplicate or malformed end', async () => {
    const w = await wire();
    w.source.send('chat.delete', { id: 'x' });
    w.source.send('source.ended', { endedAt: 'later' });
    w.source.send('chat.message', w.msg('go-on'));
    await w.until('go-on');
    expect(w.ingest.stats().quarantinedBy).toEqual({ 'unknown-event': 1, invalid: 1 });
    expect(w.ingest.session()!.endedAt).toBeUndefined();
  });

  it('resumes from the last event id after a frame broken below socket.io drops the connection', async () => {
    const w = await wire({ recovery: true });
    w.source.send('chat.message', w.msg('before'));
    await w.until('before');
    w.source.engineFrame('this is not engine.io'); // the client closes the transport on this
    await poll(() => w.states().includes('offline'), { what: 'the drop' });
    for (let i = 0; i < 5; i++) w.source.send('chat.message', w.msg(`gap-${i}`));
    await w.until('gap-4');
    expect(w.shown().map((m) => m.id)).toEqual(['before', 'gap-0', 'gap-1', 'gap-2', 'gap-3', 'gap-4']);
  });
});
